package dev.binlog.value;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Renders well-known binary as well-known text the way MySQL's {@code ST_AsText} does ({@code POINT(1 2)}). */
final class WkbToWkt {

    private WkbToWkt() {
    }

    static String convert(byte[] wkb) {
        ByteBuffer in = ByteBuffer.wrap(wkb);
        StringBuilder out = new StringBuilder();
        try {
            geometry(in, out, true);
        } catch (RuntimeException e) {
            throw new dev.binlog.DecodeException("malformed WKB geometry (" + wkb.length + " bytes): " + e, true, e);
        }
        return out.toString();
    }

    private static void geometry(ByteBuffer in, StringBuilder out, boolean withName) {
        in.order(in.get() == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int type = in.getInt();
        String name = switch (type) {
            case 1 -> "POINT";
            case 2 -> "LINESTRING";
            case 3 -> "POLYGON";
            case 4 -> "MULTIPOINT";
            case 5 -> "MULTILINESTRING";
            case 6 -> "MULTIPOLYGON";
            case 7 -> "GEOMETRYCOLLECTION";
            default -> throw new IllegalArgumentException("unknown WKB geometry type " + type);
        };
        if (withName) {
            out.append(name);
        }
        out.append('(');
        switch (type) {
            case 1 -> point(in, out);
            case 2 -> points(in, out);
            case 3 -> rings(in, out);
            case 4, 5, 6 -> {
                int count = in.getInt();
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    int mark = out.length();
                    geometry(in, out, false);
                    if (type == 4) {
                        // MULTIPOINT(1 1,2 2): members are written without their own parentheses.
                        out.deleteCharAt(mark).deleteCharAt(out.length() - 1);
                    }
                }
            }
            default -> {
                int count = in.getInt();
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    geometry(in, out, true);
                }
            }
        }
        out.append(')');
    }

    private static void point(ByteBuffer in, StringBuilder out) {
        out.append(number(in.getDouble())).append(' ').append(number(in.getDouble()));
    }

    private static void points(ByteBuffer in, StringBuilder out) {
        int count = in.getInt();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            point(in, out);
        }
    }

    private static void rings(ByteBuffer in, StringBuilder out) {
        int count = in.getInt();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('(');
            points(in, out);
            out.append(')');
        }
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value).replace("E", "e");
    }
}
