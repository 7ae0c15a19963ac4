package dev.binlog.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * FLOAT and DOUBLE values as the shortest decimal that reads back as the same value, in {@link Double#toString}'s
 * layout ({@code 0.1}, {@code 100.0}, {@code 1.0E23}, {@code 4.9E-324}). JDK 19 made {@code Double.toString}
 * shortest; JDK 17's sometimes prints a digit more ({@code 1.64194455601486234E18}), so the digits are found here: the
 * value rounded to 1, 2, ... significant digits until one parses back to it.
 */
public final class ShortestNumber {

    private static final RoundingMode[] CANDIDATES = {RoundingMode.HALF_EVEN, RoundingMode.FLOOR,
        RoundingMode.CEILING};

    private ShortestNumber() {
    }

    /** The shortest text of a DOUBLE. NaN and infinities, which MySQL cannot store, as {@link Double#toString}. */
    public static String of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
            return Double.toString(value);
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 2; digits <= 17; digits++) {
            for (RoundingMode mode : CANDIDATES) {
                BigDecimal candidate = exact.round(new MathContext(digits, mode));
                if (Double.parseDouble(candidate.toString()) == value) {
                    return layout(candidate);
                }
            }
        }
        return Double.toString(value);
    }

    /** The shortest text of a FLOAT, as a FLOAT (not widened to a double). */
    public static String of(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value) || value == 0) {
            return Float.toString(value);
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 2; digits <= 9; digits++) {
            for (RoundingMode mode : CANDIDATES) {
                BigDecimal candidate = exact.round(new MathContext(digits, mode));
                if (Float.parseFloat(candidate.toString()) == value) {
                    return layout(candidate);
                }
            }
        }
        return Float.toString(value);
    }

    /*
     * Starting at two significant digits, as Double.toString does: "1.0E23", not "1E23"; where one digit would do,
     * the closest two-digit decimal is taken ("4.9E-324" rather than "5.0E-324"), and a trailing zero is dropped below.
     */
    private static String layout(BigDecimal rounded) {
        BigDecimal number = rounded.stripTrailingZeros();
        boolean negative = number.signum() < 0;
        String digits = number.unscaledValue().abs().toString();
        // the decimal exponent of the first digit: number = d.ddd × 10^exponent
        int exponent = digits.length() - 1 - number.scale();
        StringBuilder text = new StringBuilder(digits.length() + 8);
        if (negative) {
            text.append('-');
        }
        if (exponent >= -3 && exponent < 7) {
            String plain = number.abs().toPlainString();
            text.append(plain);
            if (plain.indexOf('.') < 0) {
                text.append(".0");
            }
        } else {
            text.append(digits.charAt(0)).append('.');
            text.append(digits.length() > 1 ? digits.substring(1) : "0");
            text.append('E').append(exponent);
        }
        return text.toString();
    }
}
