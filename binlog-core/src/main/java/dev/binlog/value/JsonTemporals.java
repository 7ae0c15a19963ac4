package dev.binlog.value;

/**
 * Opaque temporal values inside binary JSON are MySQL's "packed" longs: {@code (ymd-hms bits << 24) | microseconds}.
 * MySQL prints DATETIME and TIME with six fractional digits inside JSON.
 */
final class JsonTemporals {

    private JsonTemporals() {
    }

    static String date(long packed) {
        long ymdhms = (packed >> 24);
        long ymd = ymdhms >> 17;
        long ym = ymd >> 5;
        StringBuilder out = new StringBuilder(10);
        Digits.pad(out, ym / 13, 4).append('-');
        Digits.pad(out, ym % 13, 2).append('-');
        return Digits.pad(out, ymd % 32, 2).toString();
    }

    static String datetime(long packed) {
        long magnitude = Math.abs(packed);
        long ymdhms = magnitude >> 24;
        long micros = magnitude % (1L << 24);
        long ymd = ymdhms >> 17;
        long ym = ymd >> 5;
        long hms = ymdhms % (1 << 17);
        StringBuilder out = new StringBuilder(26);
        Digits.pad(out, ym / 13, 4).append('-');
        Digits.pad(out, ym % 13, 2).append('-');
        Digits.pad(out, ymd % 32, 2).append(' ');
        Digits.pad(out, hms >> 12, 2).append(':');
        Digits.pad(out, (hms >> 6) % 64, 2).append(':');
        Digits.pad(out, hms % 64, 2).append('.');
        return Digits.pad(out, micros, 6).toString();
    }

    static String time(long packed) {
        boolean negative = packed < 0;
        long magnitude = Math.abs(packed);
        long hms = magnitude >> 24;
        long micros = magnitude % (1L << 24);
        StringBuilder out = new StringBuilder(17).append(negative ? "-" : "");
        Digits.pad(out, (hms >> 12) % (1 << 10), 2).append(':');
        Digits.pad(out, (hms >> 6) % 64, 2).append(':');
        Digits.pad(out, hms % 64, 2).append('.');
        return Digits.pad(out, micros, 6).toString();
    }
}
