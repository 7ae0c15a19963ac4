package dev.binlog.kafka;

import dev.binlog.value.Geometry;
import dev.binlog.value.ZeroDate;
import java.math.BigDecimal;
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
final class DebeziumValues extends ColumnValues {

    static final DebeziumValues INSTANCE = new DebeziumValues();

    private DebeziumValues() {
    }

    @Override
    void writeLong(JsonGenerator json, long number, ColumnFacts column) {
        if (column.bitWidth() == 1) {
            json.writeBoolean(number != 0);
        } else {
            super.writeLong(json, number, column);
        }
    }

    @Override
    void writeDecimal(JsonGenerator json, BigDecimal number) {
        json.writeString(number.toPlainString());
    }

    @Override
    void writeDate(JsonGenerator json, LocalDate date) {
        json.writeNumber(date.toEpochDay());
    }

    @Override
    void writeDateTime(JsonGenerator json, LocalDateTime dateTime, ColumnFacts column) {
        Instant asUtc = dateTime.toInstant(ZoneOffset.UTC);
        boolean micros = column.fractionDigits() > 3
                || column.fractionDigits() < 0 && dateTime.getNano() % 1_000_000 != 0;
        json.writeNumber(micros ? Math.addExact(Math.multiplyExact(asUtc.getEpochSecond(), 1_000_000L),
                asUtc.getNano() / 1_000) : asUtc.toEpochMilli());
    }

    @Override
    void writeTimestamp(JsonGenerator json, Instant instant, ColumnFacts column) {
        json.writeString(DateTimeFormatter.ISO_INSTANT.format(instant));
    }

    @Override
    void writeTime(JsonGenerator json, Duration time, ColumnFacts column) {
        json.writeNumber(time.getSeconds() * 1_000_000L + time.getNano() / 1_000);
    }

    @Override
    void writeSet(JsonGenerator json, Collection<?> names) {
        StringBuilder joined = new StringBuilder();
        for (Object name : names) {
            joined.append(joined.isEmpty() ? "" : ",").append(name);
        }
        json.writeString(joined.toString());
    }

    @Override
    void writeGeometry(JsonGenerator json, Geometry geometry) {
        json.writeStartObject();
        json.writeName("wkb");
        json.writeBinary(geometry.wkb());
        json.writeNumberProperty("srid", geometry.srid());
        json.writeEndObject();
    }

    @Override
    void writeZeroDate(JsonGenerator json, ZeroDate zero) {
        json.writeNull();
    }
}
