package dev.binlog.value;

import dev.binlog.io.ByteCursor;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * MySQL's binary DECIMAL: the integer and fraction digits in groups of nine, each group a big-endian integer of up to
 * four bytes (fewer for a partial group), the sign folded into the first bit and negative values stored inverted.
 */
final class DecimalReader {

    private static final int[] BYTES_FOR_DIGITS = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L};

    private DecimalReader() {
    }

    /** Bytes a DECIMAL(precision, scale) value occupies. */
    static int size(int precision, int scale) {
        if (precision < 1 || scale > precision) {
            // From damaged metadata only: servers reject such a column definition.
            throw new dev.binlog.DecodeException("DECIMAL(" + precision + "," + scale + ") is not a precision and"
                    + " scale a column can have", true);
        }
        int integerDigits = precision - scale;
        return integerDigits / 9 * 4 + BYTES_FOR_DIGITS[integerDigits % 9] + scale / 9 * 4
                + BYTES_FOR_DIGITS[scale % 9];
    }

    /** A DECIMAL(precision, scale) stored at {@code offset} of {@code buffer} (as in binary JSON opaque values). */
    public static BigDecimal read(byte[] buffer, int offset, int length, int precision, int scale) {
        if (length < size(precision, scale)) {
            throw new dev.binlog.DecodeException("DECIMAL(" + precision + "," + scale + ") needs "
                    + size(precision, scale) + " bytes, " + length + " given", true);
        }
        return decode(new ByteCursor(buffer, offset, length), precision, scale);
    }

    static BigDecimal decode(ByteCursor in, int precision, int scale) {
        int integerDigits = precision - scale;
        int size = size(precision, scale);
        byte[] buffer = in.array();
        int start = in.position();
        in.skip(size);
        boolean positive = (buffer[start] & 0x80) != 0;
        int mask = positive ? 0 : 0xFF;

        // Groups in order: a partial leading group, whole integer groups, whole fraction groups, a partial trailing
        // group. Up to 18 digits accumulate in a long (no allocation but the result); beyond, in a BigInteger.
        int leadingDigits = integerDigits % 9;
        int trailingDigits = scale % 9;
        int groupCount = (leadingDigits > 0 ? 1 : 0) + integerDigits / 9 + scale / 9 + (trailingDigits > 0 ? 1 : 0);
        long small = 0;
        BigInteger big = null;
        int digits = 0;
        int offset = start;
        for (int g = 0; g < groupCount; g++) {
            int groupDigits = g == 0 && leadingDigits > 0 ? leadingDigits
                    : g == groupCount - 1 && trailingDigits > 0 ? trailingDigits : 9;
            int bytes = BYTES_FOR_DIGITS[groupDigits];
            int group = readGroup(buffer, offset, bytes, mask, start);
            offset += bytes;
            if (group >= POWERS_OF_TEN[groupDigits] || group < 0) {
                throw new dev.binlog.io.MalformedDataException("DECIMAL(" + precision + "," + scale
                        + ") digit group " + group + " does not fit " + groupDigits + " digits", start);
            }
            digits += groupDigits;
            if (big == null && digits <= 18) {
                small = small * POWERS_OF_TEN[groupDigits] + group;
            } else {
                if (big == null) {
                    big = BigInteger.valueOf(small);
                }
                big = big.multiply(BigInteger.valueOf(POWERS_OF_TEN[groupDigits])).add(BigInteger.valueOf(group));
            }
        }
        if (big == null) {
            return BigDecimal.valueOf(positive ? small : -small, scale);
        }
        return new BigDecimal(positive ? big : big.negate(), scale);
    }

    private static int readGroup(byte[] buffer, int offset, int bytes, int mask, int start) {
        int value = 0;
        for (int i = 0; i < bytes; i++) {
            int b = buffer[offset + i] & 0xFF;
            if (offset + i == start) {
                b ^= 0x80; // the sign bit
            }
            value = (value << 8) | (b ^ mask);
        }
        return value;
    }
}
