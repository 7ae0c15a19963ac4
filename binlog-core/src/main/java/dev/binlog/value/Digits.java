package dev.binlog.value;

/**
 * Zero-padded decimal and hex digits appended to a {@code StringBuilder}, for the date and escape texts decoded values
 * need: {@code String.format} builds a {@code Formatter} and a regex match per call, a kilobyte or more for a 3-byte
 * value, which let a row of zero dates or a JSON string of control characters allocate hundreds of times its size.
 */
final class Digits {

    private Digits() {
    }

    /** As {@code String.format("%0<width>d", value)}: a minus sign counts towards the width. */
    static StringBuilder pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        int from = 0;
        if (value < 0) {
            out.append('-');
            from = 1;
        }
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits, from, digits.length());
    }

    /** As {@code String.format("\\u%04x", c)}. */
    static StringBuilder unicodeEscape(StringBuilder out, char c) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((c >>> shift) & 0xF, 16));
        }
        return out;
    }
}
