package dev.binlog.value;

/**
 * Choices in how values are represented. Immutable; {@link #defaults()} is what the stream uses unless told otherwise.
 *
 * @param zeroDates how zero and partly-zero dates ({@code 0000-00-00}, {@code 2020-00-10}) come out
 */
public record ValueOptions(ZeroDateMode zeroDates) {

    /** Representations of dates that {@code java.time} cannot hold. */
    public enum ZeroDateMode {
        /** A {@link ZeroDate} whose {@code toString()} is the server's text, e.g. {@code 0000-00-00 00:00:00}. */
        VERBATIM,
        /** {@code null}, as JDBC's {@code zeroDateTimeBehavior=CONVERT_TO_NULL} does. */
        NULL
    }

    private static final ValueOptions DEFAULTS = new ValueOptions(ZeroDateMode.VERBATIM);

    public ValueOptions {
        if (zeroDates == null) {
            zeroDates = ZeroDateMode.VERBATIM;
        }
    }

    public static ValueOptions defaults() {
        return DEFAULTS;
    }
}
