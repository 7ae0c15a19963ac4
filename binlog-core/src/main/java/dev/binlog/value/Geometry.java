package dev.binlog.value;

import java.util.Arrays;

/**
 * A GEOMETRY value as the server stores it: the spatial reference id and the geometry in WKB.
 *
 * @param srid spatial reference system id (0 when none was given)
 * @param wkb  well-known binary, little- or big-endian as the WKB says
 */
public record Geometry(int srid, byte[] wkb) {

    /** Well-known text, e.g. {@code POINT(1 2)}. */
    public String toWkt() {
        return WkbToWkt.convert(wkb);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Geometry g && g.srid == srid && Arrays.equals(g.wkb, wkb);
    }

    @Override
    public int hashCode() {
        return 31 * srid + Arrays.hashCode(wkb);
    }

    @Override
    public String toString() {
        return "Geometry[srid=" + srid + ", " + toWkt() + "]";
    }
}
