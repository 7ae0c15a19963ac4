package dev.binlog.kafka;

import dev.binlog.value.Geometry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Collection;
import tools.jackson.core.JsonGenerator;

/**
 * Column values as Maxwell writes them: numbers (DECIMAL too) as exact JSON numbers, DATE/DATETIME/TIMESTAMP/TIME as
 * MySQL's text with the column's fractional digits (TIMESTAMP in UTC), binary as base64, JSON columns embedded, SET
 * as an array of names, geometry as WKT; a zero date as the server's text.
 */
final class MaxwellValues {

    private MaxwellValues() {
    }

    static void write(JsonGenerator json, Object value, ColumnFacts column) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long number) {
            if (number < 0 && column.bitWidth() > 0) {
                json.writeNumber(new BigInteger(Long.toUnsignedString(number)));
            } else {
                json.writeNumber(number.longValue());
            }
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number.toPlainString());
        } else if (value instanceof Float number) {
            json.writeNumber(number.floatValue());
        } else if (value instanceof Double number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof String text) {
            if (column.json()) {
                json.writeRawValue(text);
            } else {
                json.writeString(text);
            }
        } else if (value instanceof byte[] bytes) {
            json.writeBinary(bytes);
        } else if (value instanceof LocalDate date) {
            json.writeString(date.toString());
        } else if (value instanceof LocalDateTime dateTime) {
            json.writeString(dateTime(dateTime, column.fractionDigits()));
        } else if (value instanceof Instant instant) {
            json.writeString(dateTime(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), column.fractionDigits()));
        } else if (value instanceof Duration time) {
            json.writeString(time(time, column.fractionDigits()));
        } else if (value instanceof Collection<?> names) {
            json.writeStartArray();
            for (Object name : names) {
                json.writeString(String.valueOf(name));
            }
            json.writeEndArray();
        } else if (value instanceof Geometry geometry) {
            json.writeString(geometry.toWkt());
        } else if (value instanceof float[] vector) {
            json.writeStartArray();
            for (float component : vector) {
                json.writeNumber(component);
            }
            json.writeEndArray();
        } else {
            json.writeString(value.toString());
        }
    }

    private static String dateTime(LocalDateTime value, int fractionDigits) {
        LocalTime time = value.toLocalTime();
        return value.toLocalDate() + " " + twoDigits(time.getHour()) + ":" + twoDigits(time.getMinute()) + ":"
                + twoDigits(time.getSecond()) + fraction(time.getNano(), fractionDigits);
    }

    private static String time(Duration value, int fractionDigits) {
        Duration magnitude = value.abs();
        long seconds = magnitude.getSeconds();
        return (value.isNegative() ? "-" : "") + twoDigits(seconds / 3600) + ":" + twoDigits(seconds / 60 % 60) + ":"
                + twoDigits(seconds % 60) + fraction(magnitude.getNano(), fractionDigits);
    }

    /** The column's digits when known; else six when the value has a fraction, none when it has not. */
    private static String fraction(int nanos, int fractionDigits) {
        int digits = fractionDigits >= 0 ? fractionDigits : nanos == 0 ? 0 : 6;
        return digits == 0 ? "" : "." + String.valueOf(1_000_000_000L + nanos).substring(1, 1 + digits);
    }

    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }
}
