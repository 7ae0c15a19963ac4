package dev.binlog.kafka;

import dev.binlog.value.Geometry;
import dev.binlog.value.ZeroDate;
import java.math.BigDecimal;
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
final class MaxwellValues extends ColumnValues {

    static final MaxwellValues INSTANCE = new MaxwellValues();

    private MaxwellValues() {
    }

    @Override
    void writeText(JsonGenerator json, String text, ColumnFacts column) {
        if (column.json()) {
            json.writeRawValue(text);
        } else {
            json.writeString(text);
        }
    }

    @Override
    void writeDecimal(JsonGenerator json, BigDecimal number) {
        json.writeNumber(number.toPlainString());
    }

    @Override
    void writeDate(JsonGenerator json, LocalDate date) {
        json.writeString(date.toString());
    }

    @Override
    void writeDateTime(JsonGenerator json, LocalDateTime dateTime, ColumnFacts column) {
        json.writeString(dateTime(dateTime, column.fractionDigits()));
    }

    @Override
    void writeTimestamp(JsonGenerator json, Instant instant, ColumnFacts column) {
        json.writeString(dateTime(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), column.fractionDigits()));
    }

    @Override
    void writeTime(JsonGenerator json, Duration time, ColumnFacts column) {
        Duration magnitude = time.abs();
        long seconds = magnitude.getSeconds();
        json.writeString((time.isNegative() ? "-" : "") + twoDigits(seconds / 3600) + ":"
                + twoDigits(seconds / 60 % 60) + ":" + twoDigits(seconds % 60)
                + fraction(magnitude.getNano(), column.fractionDigits()));
    }

    @Override
    void writeSet(JsonGenerator json, Collection<?> names) {
        json.writeStartArray();
        for (Object name : names) {
            json.writeString(String.valueOf(name));
        }
        json.writeEndArray();
    }

    @Override
    void writeGeometry(JsonGenerator json, Geometry geometry) {
        json.writeString(geometry.toWkt());
    }

    @Override
    void writeZeroDate(JsonGenerator json, ZeroDate zero) {
        json.writeString(zero.text());
    }

    private static String dateTime(LocalDateTime value, int fractionDigits) {
        LocalTime time = value.toLocalTime();
        return value.toLocalDate() + " " + twoDigits(time.getHour()) + ":" + twoDigits(time.getMinute()) + ":"
                + twoDigits(time.getSecond()) + fraction(time.getNano(), fractionDigits);
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
