package dev.binlog.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One row image as text both decoders' outputs can be compared by. Representation choices that carry the same value
 * compare equal: text as {@code String} or UTF-8 {@code byte[]}; integers of any width; temporals as microseconds
 * since the epoch (UTC), whether {@code LocalDateTime}, {@code Instant}, {@code java.util.Date} or connector-j's
 * {@code long} micros.
 */
final class CanonicalRow {

    private CanonicalRow() {
    }

    /**
     * @param millis whether temporals are compared at millisecond precision only (connector-j's default mode returns
     *               {@code java.util.Date}, which cannot hold microseconds)
     */
    static String of(Object[] row, boolean millis) {
        StringBuilder text = new StringBuilder();
        for (Object value : row) {
            text.append(value(value, millis)).append(" | ");
        }
        return text.toString();
    }

    /**
     * As {@link #of} at full precision, each value prefixed by its Java type: for the equal-work variant, which must
     * hand over the very types we do ({@code Long} is not {@code Integer}, {@code String} is not {@code byte[]}).
     */
    static String typed(Object[] row) {
        StringBuilder text = new StringBuilder();
        for (Object value : row) {
            text.append(value == null ? "" : value.getClass().getSimpleName() + " ").append(value(value, false))
                    .append(" | ");
        }
        return text.toString();
    }

    private static String value(Object v, boolean millis) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof byte[] b) {
            return "'" + new String(b, StandardCharsets.UTF_8) + "'";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Float || v instanceof Double) {
            return "f" + ((Number) v).doubleValue();
        }
        if (v instanceof LocalDate d) {
            return micros(d.toEpochDay() * 86_400_000_000L, millis);
        }
        if (v instanceof LocalDateTime t) {
            return micros(t.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + t.getNano() / 1000, millis);
        }
        if (v instanceof Instant t) {
            return micros(t.getEpochSecond() * 1_000_000 + t.getNano() / 1000, millis);
        }
        if (v instanceof java.sql.Timestamp t) {
            return micros(Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000, millis);
        }
        if (v instanceof java.util.Date d) {
            return micros(d.getTime() * 1000, millis);
        }
        return v.getClass().getSimpleName() + ":" + v;
    }

    private static String micros(long micros, boolean millis) {
        return Long.toString(millis ? Math.floorDiv(micros, 1000) * 1000 : micros);
    }
}
