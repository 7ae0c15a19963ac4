package dev.binlog;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to reconnect after a lost connection: {@link #forever()} (the default), {@link #never()} or
 * {@link #attempts(int) at most n attempts in a row}, waiting an exponential back-off between attempts:
 * {@code initialDelay * 2^(attempt-1)}, capped at {@code maxDelay}, each delay shortened by up to {@code jitter}
 * (0-1) at random so that many clients do not reconnect in step. The factories use 1 s, 60 s and 0.2; change them
 * with {@link #withBackoff}.
 */
public final class ReconnectPolicy {

    private static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    private static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(60);
    private static final double DEFAULT_JITTER = 0.2;
    private static final int UNLIMITED = -1;

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double jitter;
    private final int maxAttempts;

    private ReconnectPolicy(Duration initialDelay, Duration maxDelay, double jitter, int maxAttempts) {
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new ConfigurationException("reconnect delays must satisfy 0 <= initial delay (" + initialDelay
                    + ") <= max delay (" + maxDelay + ")");
        }
        if (jitter < 0 || jitter > 1) {
            throw new ConfigurationException("reconnect jitter must be between 0 and 1, not " + jitter);
        }
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
        this.maxAttempts = maxAttempts;
    }

    /** Reconnects for as long as the errors are ones a retry can fix. */
    public static ReconnectPolicy forever() {
        return new ReconnectPolicy(DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, DEFAULT_JITTER, UNLIMITED);
    }

    /** Never reconnects: the first lost connection stops the client with its error. */
    public static ReconnectPolicy never() {
        return attempts(0);
    }

    /** Gives up after {@code maxAttempts} failed reconnects in a row; {@code 0} is {@link #never()}. */
    public static ReconnectPolicy attempts(int maxAttempts) {
        if (maxAttempts < 0) {
            throw new ConfigurationException("reconnect attempts must be 0 or more, not " + maxAttempts
                    + "; use ReconnectPolicy.forever() for no limit");
        }
        return new ReconnectPolicy(DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, DEFAULT_JITTER, maxAttempts);
    }

    /** The same policy with other delays; {@code jitter} 0-1 is the share by which a delay may be shortened. */
    public ReconnectPolicy withBackoff(Duration initial, Duration max, double jitter) {
        return new ReconnectPolicy(initial, max, jitter, maxAttempts);
    }

    /** The same policy with other delays and the default jitter 0.2. */
    public ReconnectPolicy withBackoff(Duration initial, Duration max) {
        return withBackoff(initial, max, DEFAULT_JITTER);
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public double jitter() {
        return jitter;
    }

    /** The most reconnect attempts in a row, or empty for no limit. */
    public OptionalInt maxAttempts() {
        return maxAttempts == UNLIMITED ? OptionalInt.empty() : OptionalInt.of(maxAttempts);
    }

    /** Whether reconnect attempt number {@code attempt} (1-based) may be made. */
    public boolean allows(int attempt) {
        return maxAttempts == UNLIMITED || attempt <= maxAttempts;
    }

    /** How long to wait before reconnect attempt number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        double base = initialDelay.toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
        double capped = Math.min(base, maxDelay.toMillis());
        double jittered = capped * (1 - jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis((long) jittered);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReconnectPolicy that && initialDelay.equals(that.initialDelay)
                && maxDelay.equals(that.maxDelay) && jitter == that.jitter && maxAttempts == that.maxAttempts;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(initialDelay, maxDelay, jitter, maxAttempts);
    }

    @Override
    public String toString() {
        String attempts = maxAttempts == UNLIMITED ? "forever" : maxAttempts == 0 ? "never" : maxAttempts + " attempts";
        return "ReconnectPolicy[" + attempts + ", " + initialDelay + ".." + maxDelay + ", jitter " + jitter + "]";
    }
}
