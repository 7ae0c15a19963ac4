package dev.binlog.cli.format;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Writes temporal values in MySQL's text forms ({@code 2026-11-23}, {@code 2026-11-23 10:15:30.250},
 * {@code -838:59:59}), with exactly the column's number of fractional digits.
 */
public final class TemporalText {

    private TemporalText() {
    }

    /** {@code YYYY-MM-DD}. */
    public static String date(LocalDate date) {
        StringBuilder text = new StringBuilder(10);
        appendDate(text, date);
        return text.toString();
    }

    /** {@code YYYY-MM-DD HH:MM:SS} plus the fraction, see {@link #fraction}. */
    public static String dateTime(LocalDateTime value, int fractionDigits) {
        StringBuilder text = new StringBuilder(26);
        appendDate(text, value.toLocalDate());
        text.append(' ');
        LocalTime time = value.toLocalTime();
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2);
        appendFraction(text, time.getNano(), fractionDigits);
        return text.toString();
    }

    /** A TIMESTAMP: the instant in UTC, as {@link #dateTime}. */
    public static String timestamp(Instant value, int fractionDigits) {
        return dateTime(LocalDateTime.ofInstant(value, ZoneOffset.UTC), fractionDigits);
    }

    /** A TIME: {@code [-]HH:MM:SS} with two or three hour digits, plus the fraction. */
    public static String time(Duration value, int fractionDigits) {
        StringBuilder text = new StringBuilder(18);
        Duration magnitude = value.abs();
        if (value.isNegative()) {
            text.append('-');
        }
        long seconds = magnitude.getSeconds();
        pad(text, seconds / 3600, 2).append(':');
        pad(text, seconds / 60 % 60, 2).append(':');
        pad(text, seconds % 60, 2);
        appendFraction(text, magnitude.getNano(), fractionDigits);
        return text.toString();
    }

    /**
     * The number of fractional digits to print: the column's precision when known ({@code fractionDigits >= 0}), else
     * 6 when the value has a fraction and 0 when it has none.
     */
    static int fraction(int nanos, int fractionDigits) {
        if (fractionDigits >= 0) {
            return fractionDigits;
        }
        return nanos == 0 ? 0 : 6;
    }

    private static void appendFraction(StringBuilder text, int nanos, int fractionDigits) {
        int digits = fraction(nanos, fractionDigits);
        if (digits == 0) {
            return;
        }
        String nineDigits = String.format("%09d", nanos);
        text.append('.').append(nineDigits, 0, digits);
    }

    private static void appendDate(StringBuilder text, LocalDate date) {
        pad(text, date.getYear(), 4).append('-');
        pad(text, date.getMonthValue(), 2).append('-');
        pad(text, date.getDayOfMonth(), 2);
    }

    private static StringBuilder pad(StringBuilder text, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
