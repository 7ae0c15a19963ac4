package dev.binlog.value;

import dev.binlog.io.ByteCursor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * DATE, TIME, DATETIME, TIMESTAMP and YEAR in the binlog's storage formats: the pre-5.6.4 ones (TIME, DATETIME,
 * TIMESTAMP as packed decimal digits or seconds) and the 5.6.4+ ones with fractional seconds (TIME2, DATETIME2,
 * TIMESTAMP2: big-endian bit fields, then 0–3 bytes of fraction).
 */
final class TemporalValues {

    private static final long DATETIME2_OFFSET = 0x80_0000_0000L;
    private static final long TIME2_INT_OFFSET = 0x80_0000L;
    private static final long TIME2_OFFSET = 0x8000_0000_0000L;

    private TemporalValues() {
    }

    static Object date(ByteCursor in, ValueOptions options) {
        int packed = in.readUint24();
        int day = packed & 31;
        int month = (packed >> 5) & 15;
        int year = packed >> 9;
        return date(year, month, day, options);
    }

    private static Object date(int year, int month, int day, ValueOptions options) {
        if (year == 0 || month == 0 || day == 0) {
            return zero(dateText(year, month, day).toString(), options);
        }
        return LocalDate.of(year, month, day);
    }

    static Object year(ByteCursor in) {
        int value = in.readUint8();
        return value == 0 ? 0 : 1900 + value;
    }

    /** Pre-5.6.4 TIME: a signed 3-byte integer HHMMSS. */
    static Duration time(ByteCursor in) {
        int value = in.readInt24();
        boolean negative = value < 0;
        value = Math.abs(value);
        Duration d = Duration.ofHours(value / 10000).plusMinutes(value / 100 % 100).plusSeconds(value % 100);
        return negative ? d.negated() : d;
    }

    /** TIME2 with {@code fsp} fractional digits. */
    static Duration time2(ByteCursor in, int fsp) {
        long packed;
        long intPart = in.readUintBigEndian(3) - TIME2_INT_OFFSET;
        switch (fsp) {
            case 0 -> packed = intPart << 24;
            case 1, 2 -> {
                long frac = in.readUint8();
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                packed = (intPart << 24) + frac * 10_000;
            }
            case 3, 4 -> {
                long frac = in.readUintBigEndian(2);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                packed = (intPart << 24) + frac * 100;
            }
            default -> {
                in.position(in.position() - 3);
                packed = in.readUintBigEndian(6) - TIME2_OFFSET;
            }
        }
        boolean negative = packed < 0;
        long magnitude = Math.abs(packed);
        long hms = magnitude >> 24;
        long micros = magnitude % (1L << 24);
        long hours = (hms >> 12) % (1 << 10);
        long minutes = (hms >> 6) % (1 << 6);
        long seconds = hms % (1 << 6);
        Duration d = Duration.ofSeconds(hours * 3600 + minutes * 60 + seconds).plusNanos(micros * 1000);
        return negative ? d.negated() : d;
    }

    /** Pre-5.6.4 DATETIME: 8 bytes little-endian holding YYYYMMDDhhmmss as a decimal number. */
    static Object datetime(ByteCursor in, ValueOptions options) {
        long value = in.readInt64();
        long date = value / 1_000_000;
        long time = value % 1_000_000;
        return datetime((int) (date / 10000), (int) (date / 100 % 100), (int) (date % 100), (int) (time / 10000),
                (int) (time / 100 % 100), (int) (time % 100), 0, 0, options);
    }

    static Object datetime2(ByteCursor in, int fsp, ValueOptions options) {
        long intPart = in.readUintBigEndian(5) - DATETIME2_OFFSET;
        int micros = fraction(in, fsp);
        long ymd = intPart >> 17;
        long ym = ymd >> 5;
        long hms = intPart % (1 << 17);
        return datetime((int) (ym / 13), (int) (ym % 13), (int) (ymd % 32), (int) (hms >> 12),
                (int) ((hms >> 6) % 64), (int) (hms % 64), micros, fsp, options);
    }

    private static Object datetime(int year, int month, int day, int hour, int minute, int second, int micros,
            int fsp, ValueOptions options) {
        if (year == 0 || month == 0 || day == 0) {
            String text = dateTimeText(year, month, day, hour, minute, second).toString();
            return zero(fsp == 0 ? text : text + "." + fractionDigits(micros, fsp), options);
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
    }

    /** Pre-5.6.4 TIMESTAMP: seconds since the epoch, little-endian. */
    static Object timestamp(ByteCursor in, ValueOptions options) {
        long seconds = in.readUint32();
        return seconds == 0 ? zero("0000-00-00 00:00:00", options) : Instant.ofEpochSecond(seconds);
    }

    static Object timestamp2(ByteCursor in, int fsp, ValueOptions options) {
        long seconds = in.readUintBigEndian(4);
        int micros = fraction(in, fsp);
        if (seconds == 0 && micros == 0) {
            String text = "0000-00-00 00:00:00";
            return zero(fsp == 0 ? text : text + "." + "0".repeat(fsp), options);
        }
        return Instant.ofEpochSecond(seconds, micros * 1000L);
    }

    /** The fractional part of DATETIME2/TIMESTAMP2 in microseconds. */
    private static int fraction(ByteCursor in, int fsp) {
        return switch (fsp) {
            case 0 -> 0;
            case 1, 2 -> in.readUint8() * 10_000;
            case 3, 4 -> (int) in.readUintBigEndian(2) * 100;
            case 5, 6 -> (int) in.readUintBigEndian(3);
            default -> throw new dev.binlog.io.MalformedDataException("fractional precision " + fsp + " is not 0-6",
                    in.position());
        };
    }

    static String fractionDigits(int micros, int fsp) {
        return Digits.pad(new StringBuilder(6), micros, 6).substring(0, fsp);
    }

    /** {@code YYYY-MM-DD}, zero-padded, as the server prints a date it cannot store as one (zero dates). */
    static StringBuilder dateText(int year, int month, int day) {
        StringBuilder out = new StringBuilder(26);
        Digits.pad(out, year, 4).append('-');
        Digits.pad(out, month, 2).append('-');
        return Digits.pad(out, day, 2);
    }

    /** {@code YYYY-MM-DD hh:mm:ss}, zero-padded. */
    static StringBuilder dateTimeText(int year, int month, int day, int hour, int minute, int second) {
        StringBuilder out = dateText(year, month, day).append(' ');
        Digits.pad(out, hour, 2).append(':');
        Digits.pad(out, minute, 2).append(':');
        return Digits.pad(out, second, 2);
    }

    private static Object zero(String text, ValueOptions options) {
        return options.zeroDates() == ValueOptions.ZeroDateMode.NULL ? null : new ZeroDate(text);
    }
}
