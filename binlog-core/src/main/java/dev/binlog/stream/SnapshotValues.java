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
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
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

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true).optionalEnd()
            .toFormatter();
    private static final Set<String> GEOMETRIES = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

    private SnapshotValues() {
    }

    /** The value of {@code raw} (never {@code null}) in {@code column}. */
    static Object decode(byte[] raw, ColumnSchema column) {
        try {
            return value(raw, column);
        } catch (RuntimeException e) {
            throw new DecodeException("column " + column.name() + " (" + column.columnType() + "): the snapshot"
                    + " read a value this client cannot represent (" + e.getMessage() + ")", false, e);
        }
    }

    private static Object value(byte[] raw, ColumnSchema column) {
        String type = column.dataType();
        switch (type) {
            case "tinyint", "smallint", "mediumint":
                return Integer.valueOf(ascii(raw));
            case "int", "integer":
                return column.unsigned() ? (Object) Long.valueOf(ascii(raw)) : (Object) Integer.valueOf(ascii(raw));
            case "bigint":
                return column.unsigned() ? (Object) new BigInteger(ascii(raw)) : (Object) Long.valueOf(ascii(raw));
            case "decimal", "numeric":
                return new BigDecimal(ascii(raw));
            case "float":
                // read as a DOUBLE (see KeysetQueries), which holds the float exactly
                return (float) Double.parseDouble(ascii(raw));
            case "double", "real":
                return Double.valueOf(ascii(raw));
            case "bit":
                return bits(raw, column);
            case "year":
                return Integer.valueOf(ascii(raw));
            case "date":
                return date(ascii(raw));
            case "time":
                return time(ascii(raw));
            case "datetime":
                return dateTime(ascii(raw));
            case "timestamp":
                return timestamp(ascii(raw));
            case "enum":
                return text(raw, column);
            case "set":
                return set(text(raw, column));
            case "json":
                return new String(raw, StandardCharsets.UTF_8);
            case "vector":
                return vector(raw);
            default:
                if (GEOMETRIES.contains(type)) {
                    return geometry(raw);
                }
                if (type.equals("uuid") || type.startsWith("inet")) {
                    return ascii(raw);
                }
                return text(raw, column);
        }
    }

    /** Text in the column's character set; bytes for binary columns, as the decoder gives them. */
    private static Object text(byte[] raw, ColumnSchema column) {
        Charset charset = column.collationId() == null ? null : Charsets.forCollation(column.collationId());
        return charset == null ? raw : new String(raw, charset);
    }

    private static Object bits(byte[] raw, ColumnSchema column) {
        long value = 0;
        for (byte b : raw) {
            value = value << 8 | (b & 0xFF);
        }
        int width = width(column.columnType());
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

    private static Object date(String text) {
        if (zeroPart(text)) {
            return new ZeroDate(text);
        }
        return LocalDate.parse(text);
    }

    private static Object dateTime(String text) {
        if (zeroPart(text)) {
            return new ZeroDate(text);
        }
        return LocalDateTime.parse(text, DATE_TIME);
    }

    private static Object timestamp(String text) {
        if (zeroPart(text)) {
            return new ZeroDate(text);
        }
        return LocalDateTime.parse(text, DATE_TIME).toInstant(ZoneOffset.UTC);
    }

    /** Year, month or day zero: no {@code java.time} type holds it, so the decoder gives the text. */
    private static boolean zeroPart(String text) {
        return text.startsWith("0000") || text.startsWith("-00", 4) || text.startsWith("-00", 7);
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
