package dev.binlog.kafka;

import dev.binlog.value.Geometry;
import dev.binlog.value.ZeroDate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import tools.jackson.core.JsonGenerator;

/**
 * Column values as Debezium's MySQL connector writes them through the JSON converter (schemas off) with its default
 * temporal mode ({@code adaptive_time_microseconds}) and {@code decimal.handling.mode=string}:
 * DATE as days since the epoch, DATETIME as epoch milliseconds (precision 0-3) or microseconds (4-6), TIMESTAMP as an
 * ISO-8601 UTC string, TIME as microseconds, DECIMAL as a string, binary as base64, JSON as its text, SET as its
 * comma-separated names, BIT(1) as a boolean, geometry as {@code {"wkb":..., "srid":...}}; zero dates as
 * {@code null}.
 */
final class DebeziumValues {

    private DebeziumValues() {
    }

    static void write(JsonGenerator json, Object value, ColumnFacts column) {
        if (value == null || value instanceof ZeroDate) {
            json.writeNull();
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long number) {
            writeLong(json, number, column);
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeString(number.toPlainString());
        } else if (value instanceof Float number) {
            json.writeNumber(number.floatValue());
        } else if (value instanceof Double number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof byte[] bytes) {
            json.writeBinary(bytes);
        } else if (value instanceof LocalDate date) {
            json.writeNumber(date.toEpochDay());
        } else if (value instanceof LocalDateTime dateTime) {
            Instant asUtc = dateTime.toInstant(ZoneOffset.UTC);
            json.writeNumber(column.fractionDigits() > 3 || column.fractionDigits() < 0 && dateTime.getNano() % 1_000_000 != 0
                    ? micros(asUtc) : asUtc.toEpochMilli());
        } else if (value instanceof Instant instant) {
            json.writeString(DateTimeFormatter.ISO_INSTANT.format(instant));
        } else if (value instanceof Duration time) {
            json.writeNumber(time.getSeconds() * 1_000_000L + time.getNano() / 1_000);
        } else if (value instanceof Collection<?> names) {
            StringBuilder joined = new StringBuilder();
            for (Object name : names) {
                joined.append(joined.isEmpty() ? "" : ",").append(name);
            }
            json.writeString(joined.toString());
        } else if (value instanceof Geometry geometry) {
            json.writeStartObject();
            json.writeName("wkb");
            json.writeBinary(geometry.wkb());
            json.writeNumberProperty("srid", geometry.srid());
            json.writeEndObject();
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

    private static void writeLong(JsonGenerator json, long number, ColumnFacts column) {
        if (column.bitWidth() == 1) {
            json.writeBoolean(number != 0);
        } else if (number < 0 && column.bitWidth() > 0) {
            json.writeNumber(new BigInteger(Long.toUnsignedString(number)));
        } else {
            json.writeNumber(number);
        }
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
