package dev.binlog.kafka;

import dev.binlog.value.Geometry;
import dev.binlog.value.ZeroDate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import tools.jackson.core.JsonGenerator;

/**
 * Writes one column value as JSON. Numbers, booleans, text, binary (base64) and vectors are written alike by every
 * format; each format says how it writes the types where Debezium and Maxwell differ.
 */
abstract class ColumnValues {

    final void write(JsonGenerator json, Object value, ColumnFacts column) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long number) {
            writeLong(json, number, column);
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            writeDecimal(json, number);
        } else if (value instanceof Float number) {
            json.writeNumber(number.floatValue());
        } else if (value instanceof Double number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof String text) {
            writeText(json, text, column);
        } else if (value instanceof byte[] bytes) {
            json.writeBinary(bytes);
        } else if (value instanceof LocalDate date) {
            writeDate(json, date);
        } else if (value instanceof LocalDateTime dateTime) {
            writeDateTime(json, dateTime, column);
        } else if (value instanceof Instant instant) {
            writeTimestamp(json, instant, column);
        } else if (value instanceof Duration time) {
            writeTime(json, time, column);
        } else if (value instanceof Collection<?> names) {
            writeSet(json, names);
        } else if (value instanceof Geometry geometry) {
            writeGeometry(json, geometry);
        } else if (value instanceof float[] vector) {
            json.writeStartArray();
            for (float component : vector) {
                json.writeNumber(component);
            }
            json.writeEndArray();
        } else if (value instanceof ZeroDate zero) {
            writeZeroDate(json, zero);
        } else {
            json.writeString(value.toString());
        }
    }

    /** A BIT(64) with its top bit set arrives as a negative {@code long}: it is an unsigned number. */
    void writeLong(JsonGenerator json, long number, ColumnFacts column) {
        if (number < 0 && column.bitWidth() > 0) {
            json.writeNumber(new BigInteger(Long.toUnsignedString(number)));
        } else {
            json.writeNumber(number);
        }
    }

    void writeText(JsonGenerator json, String text, ColumnFacts column) {
        json.writeString(text);
    }

    abstract void writeDecimal(JsonGenerator json, BigDecimal number);

    abstract void writeDate(JsonGenerator json, LocalDate date);

    abstract void writeDateTime(JsonGenerator json, LocalDateTime dateTime, ColumnFacts column);

    abstract void writeTimestamp(JsonGenerator json, Instant instant, ColumnFacts column);

    abstract void writeTime(JsonGenerator json, Duration time, ColumnFacts column);

    abstract void writeSet(JsonGenerator json, Collection<?> names);

    abstract void writeGeometry(JsonGenerator json, Geometry geometry);

    abstract void writeZeroDate(JsonGenerator json, ZeroDate zero);
}
