package dev.binlog.cli.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;

/**
 * One column value as a MySQL literal. TIMESTAMP values are written in UTC, so statements must run with
 * {@code time_zone = '+00:00'} (the SQL formatters set it first). Binary values, VECTORs (little-endian floats) and
 * geometry values without WKB are hex literals; geometry with WKB becomes {@code ST_GeomFromWKB(X'..', srid)}.
 */
public final class SqlLiteral {

    private SqlLiteral() {
    }

    /**
     * The literal to compare a column with in a {@code WHERE}: as {@link #of}, except that a FLOAT is written as the
     * double it widens to (the server compares a FLOAT column as a double, and {@code 1.1} would not match the stored
     * {@code 1.100000023841858}), and a JSON column's text is cast to JSON (a JSON document never equals a string).
     */
    public static String comparable(Object value, ColumnInfo column) {
        if (value instanceof Float number) {
            return ShortestNumber.of(number.doubleValue());
        }
        if (value instanceof String text && column.json()) {
            return "CAST(" + SqlQuoting.string(text) + " AS JSON)";
        }
        return of(value, column);
    }

    /** The literal for {@code value} in a column described by {@code column}. */
    public static String of(Object value, ColumnInfo column) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Long number && number < 0 && column.bits()) {
            return Long.toUnsignedString(number);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (value instanceof Float number) {
            return ShortestNumber.of(number.floatValue());
        }
        if (value instanceof Double number) {
            return ShortestNumber.of(number.doubleValue());
        }
        if (value instanceof Boolean bool) {
            return bool ? "TRUE" : "FALSE";
        }
        if (value instanceof String text) {
            return SqlQuoting.string(text);
        }
        if (value instanceof byte[] bytes) {
            return SqlQuoting.hex(bytes);
        }
        if (value instanceof LocalDate date) {
            return "'" + TemporalText.date(date) + "'";
        }
        if (value instanceof LocalDateTime dateTime) {
            return "'" + TemporalText.dateTime(dateTime, column.fractionDigits()) + "'";
        }
        if (value instanceof Instant instant) {
            return "'" + TemporalText.timestamp(instant, column.fractionDigits()) + "'";
        }
        if (value instanceof Duration time) {
            return "'" + TemporalText.time(time, column.fractionDigits()) + "'";
        }
        if (value instanceof Collection<?> names) {
            return SqlQuoting.string(String.join(",", names.stream().map(String::valueOf).toList()));
        }
        if (value instanceof float[] vector) {
            ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float component : vector) {
                bytes.putFloat(component);
            }
            return SqlQuoting.hex(bytes.array());
        }
        byte[] wkb = GeometryValues.wkb(value);
        if (wkb != null) {
            return "ST_GeomFromWKB(" + SqlQuoting.hex(wkb) + ", " + GeometryValues.srid(value) + ")";
        }
        // zero dates and other values the server spells out verbatim carry that text as toString()
        return SqlQuoting.string(value.toString());
    }
}
