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
        return String.format("%04d-%02d-%02d", ym / 13, ym % 13, ymd % 32);
    }

    static String datetime(long packed) {
        long magnitude = Math.abs(packed);
        long ymdhms = magnitude >> 24;
        long micros = magnitude % (1L << 24);
        long ymd = ymdhms >> 17;
        long ym = ymd >> 5;
        long hms = ymdhms % (1 << 17);
        return String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d", ym / 13, ym % 13, ymd % 32, hms >> 12,
                (hms >> 6) % 64, hms % 64, micros);
    }

    static String time(long packed) {
        boolean negative = packed < 0;
        long magnitude = Math.abs(packed);
        long hms = magnitude >> 24;
        long micros = magnitude % (1L << 24);
        return String.format("%s%02d:%02d:%02d.%06d", negative ? "-" : "", (hms >> 12) % (1 << 10), (hms >> 6) % 64,
                hms % 64, micros);
    }
}
