package dev.binlog.value;

import dev.binlog.Column;
import dev.binlog.io.ByteCursor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * MariaDB's own layout for TIME(n), DATETIME(n) and TIMESTAMP(n) with n &gt; 0, used by tables created on MariaDB 5.3
 * to 10.0 or with {@code mysql56_temporal_format=OFF}. The binlog writes them with the old type codes and no
 * metadata, so their precision must come from the schema ({@link Column#dataTypeName()}, e.g. {@code datetime(3)}).
 * Values are big-endian; the fraction is stored with {@code n} digits.
 */
final class MariaDbHiresTemporals {

    private static final int[] FRACTION_BYTES = {0, 1, 1, 2, 2, 3, 3};
    private static final int[] DATETIME_BYTES = {5, 6, 6, 7, 7, 7, 8};
    private static final int[] TIME_BYTES = {3, 4, 4, 5, 5, 5, 6};
    private static final long[] SCALE = {1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
    private static final long TIME_MAX_SECONDS = 838 * 3600 + 59 * 60 + 59;

    private MariaDbHiresTemporals() {
    }

    /** The fractional precision named by a schema type such as {@code timestamp(3)}, or 0. */
    static int precision(Column column) {
        String type = column.dataTypeName();
        if (type == null) {
            return 0;
        }
        int open = type.indexOf('(');
        int close = type.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            return 0;
        }
        try {
            int precision = Integer.parseInt(type.substring(open + 1, close).trim());
            return precision >= 0 && precision <= 6 ? precision : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Bytes a TIME, DATETIME or TIMESTAMP value of {@code column} takes: MariaDB's fractional layout when the schema
     * names a precision, else {@code plain} (the old whole-second layout).
     */
    static int size(Column column, int plain) {
        int precision = precision(column);
        if (precision == 0) {
            return plain;
        }
        return switch (column.type()) {
            case TIME -> TIME_BYTES[precision];
            case DATETIME -> DATETIME_BYTES[precision];
            default -> 4 + FRACTION_BYTES[precision];
        };
    }

    static Object timestamp(ByteCursor in, int precision, ValueOptions options) {
        long seconds = in.readUintBigEndian(4);
        long micros = in.readUintBigEndian(FRACTION_BYTES[precision]) * SCALE[precision];
        if (seconds == 0 && micros == 0) {
            String text = "0000-00-00 00:00:00." + "0".repeat(precision);
            return options.zeroDates() == ValueOptions.ZeroDateMode.NULL ? null : new ZeroDate(text);
        }
        return Instant.ofEpochSecond(seconds, micros * 1000);
    }

    static Object datetime(ByteCursor in, int precision, ValueOptions options) {
        long packed = in.readUintBigEndian(DATETIME_BYTES[precision]) * SCALE[precision];
        int micros = (int) (packed % 1_000_000);
        long t = packed / 1_000_000;
        int second = (int) (t % 60);
        t /= 60;
        int minute = (int) (t % 60);
        t /= 60;
        int hour = (int) (t % 24);
        t /= 24;
        int day = (int) (t % 32);
        t /= 32;
        int month = (int) (t % 13);
        int year = (int) (t / 13);
        if (year == 0 || month == 0 || day == 0) {
            String text = TemporalValues.dateTimeText(year, month, day, hour, minute, second).append('.')
                    .append(TemporalValues.fractionDigits(micros, precision)).toString();
            return options.zeroDates() == ValueOptions.ZeroDateMode.NULL ? null : new ZeroDate(text);
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
    }

    static Duration time(ByteCursor in, int precision) {
        long zeroPoint = (TIME_MAX_SECONDS + 1) * 1_000_000 / SCALE[precision];
        long stored = in.readUintBigEndian(TIME_BYTES[precision]) - zeroPoint;
        long packed = Math.abs(stored) * SCALE[precision];
        Duration value = Duration.ofSeconds(packed / 1_000_000, (packed % 1_000_000) * 1000);
        return stored < 0 ? value.negated() : value;
    }
}
