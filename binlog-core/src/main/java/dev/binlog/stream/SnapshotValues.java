package dev.binlog.stream;

import dev.binlog.DecodeException;
import dev.binlog.value.Charsets;
import dev.binlog.value.Geometry;
import dev.binlog.value.ZeroDate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a value as a text-protocol SELECT returns it (session {@code time_zone} {@code +00:00}, no result character
 * set, so text comes in the column's own character set) into the Java value the binary log decoder gives for the same
 * data: a snapshot row equals the after-image of that row, column by column.
 */
final class SnapshotValues {

    private static final Set<String> GEOMETRIES = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

    private SnapshotValues() {
    }

    /** Turns one column's raw value (never {@code null}) into the decoder's Java value. */
    @FunctionalInterface
    interface ValueReader {
        Object read(byte[] raw);
    }

    /** The value of {@code raw} (never {@code null}) in {@code column}. */
    static Object decode(byte[] raw, ColumnSchema column) {
        return reader(column).read(raw);
    }

    /** How the values of {@code column} are read: chosen once per column, not per value. */
    static ValueReader reader(ColumnSchema column) {
        ValueReader reader = plainReader(column);
        return raw -> {
            try {
                return reader.read(raw);
            } catch (RuntimeException e) {
                throw new DecodeException("column " + column.name() + " (" + column.columnType() + "): the snapshot"
                        + " read a value this client cannot represent (" + e.getMessage() + ")", false, e);
            }
        };
    }

    private static ValueReader plainReader(ColumnSchema column) {
        String type = column.dataType();
        switch (type) {
            case "tinyint", "smallint", "mediumint", "year":
                return raw -> (int) whole(raw);
            case "int", "integer":
                return column.unsigned() ? SnapshotValues::whole : raw -> (int) whole(raw);
            case "bigint":
                return column.unsigned() ? raw -> new BigInteger(ascii(raw)) : SnapshotValues::whole;
            case "decimal", "numeric":
                return raw -> new BigDecimal(ascii(raw));
            case "float":
                // read as a DOUBLE (see KeysetQueries), which holds the float exactly
                return raw -> (float) Double.parseDouble(ascii(raw));
            case "double", "real":
                return raw -> Double.parseDouble(ascii(raw));
            case "bit":
                int width = width(column.columnType());
                return raw -> bits(raw, width);
            case "date":
                return SnapshotValues::date;
            case "time":
                return raw -> time(ascii(raw));
            case "datetime":
                return SnapshotValues::dateTime;
            case "timestamp":
                return SnapshotValues::timestamp;
            case "set":
                Charset setCharset = charset(column);
                return raw -> set(setCharset == null ? raw : new String(raw, setCharset));
            case "json":
                return raw -> new String(raw, StandardCharsets.UTF_8);
            case "vector":
                return SnapshotValues::vector;
            default:
                if (GEOMETRIES.contains(type)) {
                    return SnapshotValues::geometry;
                }
                if (type.equals("uuid") || type.startsWith("inet")) {
                    return SnapshotValues::ascii;
                }
                // text in the column's character set (ENUM included); bytes for binary columns, as the decoder
                Charset charset = charset(column);
                return charset == null ? raw -> raw : raw -> new String(raw, charset);
        }
    }

    private static Charset charset(ColumnSchema column) {
        return column.collationId() == null ? null : Charsets.forCollation(column.collationId());
    }

    /** A whole number as the server writes it: an optional minus, then digits. */
    private static long whole(byte[] raw) {
        if (raw.length == 0 || raw.length > 20) {
            throw new IllegalArgumentException("'" + ascii(raw) + "' is not a whole number");
        }
        boolean negative = raw[0] == '-';
        long value = 0;
        for (int i = negative ? 1 : 0; i < raw.length; i++) {
            int digit = raw[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("'" + ascii(raw) + "' is not a whole number");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static int digits(byte[] raw, int from, int count) {
        if (from + count > raw.length) {
            throw new IllegalArgumentException("'" + ascii(raw) + "' is shorter than a date or time");
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = raw[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("'" + ascii(raw) + "' is not a date or time");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static Object bits(byte[] raw, int width) {
        long value = 0;
        for (byte b : raw) {
            value = value << 8 | (b & 0xFF);
        }
        if (width > 63) {
            BigInteger big = BigInteger.valueOf(value);
            return value >= 0 ? big : big.add(BigInteger.ONE.shiftLeft(64));
        }
        return value;
    }

    /** The {@code n} of {@code bit(n)}. */
    private static int width(String columnType) {
        int open = columnType.indexOf('(');
        int close = columnType.indexOf(')', open + 1);
        return open < 0 || close < 0 ? 1 : Integer.parseInt(columnType.substring(open + 1, close).trim());
    }

    private static Object date(byte[] raw) {
        int year = digits(raw, 0, 4);
        int month = digits(raw, 5, 2);
        int day = digits(raw, 8, 2);
        return year == 0 || month == 0 || day == 0 ? new ZeroDate(ascii(raw)) : LocalDate.of(year, month, day);
    }

    /** {@code YYYY-MM-DD hh:mm:ss[.f...]}, or a {@link ZeroDate} when year, month or day is zero. */
    private static Object dateTime(byte[] raw) {
        int year = digits(raw, 0, 4);
        int month = digits(raw, 5, 2);
        int day = digits(raw, 8, 2);
        if (year == 0 || month == 0 || day == 0) {
            return new ZeroDate(ascii(raw));
        }
        int nanos = 0;
        if (raw.length > 20 && raw[19] == '.') {
            int fraction = digits(raw, 20, raw.length - 20);
            for (int i = raw.length - 20; i < 9; i++) {
                fraction *= 10;
            }
            nanos = fraction;
        }
        return LocalDateTime.of(year, month, day, digits(raw, 11, 2), digits(raw, 14, 2), digits(raw, 17, 2), nanos);
    }

    private static Object timestamp(byte[] raw) {
        Object value = dateTime(raw);
        return value instanceof LocalDateTime local ? local.toInstant(ZoneOffset.UTC) : value;
    }

    /** {@code [-]H+:MM:SS[.f+]}, hours up to 838. */
    private static Duration time(String text) {
        boolean negative = text.startsWith("-");
        String body = negative ? text.substring(1) : text;
        String[] parts = body.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("TIME '" + text + "' is not H:MM:SS");
        }
        String seconds = parts[2];
        long nanos = 0;
        int dot = seconds.indexOf('.');
        if (dot >= 0) {
            String fraction = (seconds.substring(dot + 1) + "000000000").substring(0, 9);
            nanos = Long.parseLong(fraction);
            seconds = seconds.substring(0, dot);
        }
        Duration d = Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusSeconds(Long.parseLong(seconds)).plusNanos(nanos);
        return negative ? d.negated() : d;
    }

    private static Object set(Object text) {
        if (!(text instanceof String members)) {
            return text;
        }
        Set<String> set = new LinkedHashSet<>();
        if (!members.isEmpty()) {
            set.addAll(List.of(members.split(",", -1)));
        }
        return Collections.unmodifiableSet(set);
    }

    private static Geometry geometry(byte[] raw) {
        if (raw.length < 4) {
            throw new IllegalArgumentException("GEOMETRY value of " + raw.length + " bytes has no SRID");
        }
        int srid = ByteBuffer.wrap(raw, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] wkb = new byte[raw.length - 4];
        System.arraycopy(raw, 4, wkb, 0, wkb.length);
        return new Geometry(srid, wkb);
    }

    private static float[] vector(byte[] raw) {
        if (raw.length % 4 != 0) {
            throw new IllegalArgumentException("VECTOR value of " + raw.length + " bytes");
        }
        float[] values = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static String ascii(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }
}
