package dev.binlog.cli.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import tools.jackson.core.JsonGenerator;

/**
 * Writes one column value as JSON: numbers as exact JSON numbers, temporal values as MySQL text, binary as base64,
 * SET as an array of names, JSON columns embedded, geometry as WKT, VECTOR as an array of numbers.
 */
final class JsonValueWriter {

    private JsonValueWriter() {
    }

    static void write(JsonGenerator json, Object value, ColumnInfo column) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long number) {
            if (number < 0 && column.bits()) {
                json.writeNumber(new BigInteger(Long.toUnsignedString(number)));
            } else {
                json.writeNumber(number.longValue());
            }
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            // toPlainString keeps the column's scale (12.30) and never switches to exponent notation (1E-7)
            json.writeNumber(number.toPlainString());
        } else if (value instanceof Float number) {
            json.writeNumber(ShortestNumber.of(number.floatValue()));
        } else if (value instanceof Double number) {
            json.writeNumber(ShortestNumber.of(number.doubleValue()));
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
            json.writeString(TemporalText.date(date));
        } else if (value instanceof LocalDateTime dateTime) {
            json.writeString(TemporalText.dateTime(dateTime, column.fractionDigits()));
        } else if (value instanceof Instant instant) {
            json.writeString(TemporalText.timestamp(instant, column.fractionDigits()));
        } else if (value instanceof Duration time) {
            json.writeString(TemporalText.time(time, column.fractionDigits()));
        } else if (value instanceof Collection<?> names) {
            json.writeStartArray();
            for (Object name : names) {
                json.writeString(String.valueOf(name));
            }
            json.writeEndArray();
        } else if (value instanceof float[] vector) {
            json.writeStartArray();
            for (float component : vector) {
                json.writeNumber(ShortestNumber.of(component));
            }
            json.writeEndArray();
        } else {
            String wkt = GeometryValues.wkt(value);
            // zero dates and other values the server spells out verbatim carry that text as toString()
            json.writeString(wkt != null ? wkt : value.toString());
        }
    }
}
