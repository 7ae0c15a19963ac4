package dev.binlog.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off between reconnect attempts: {@code initialDelay * 2^(attempt-1)}, capped at
 * {@code maxDelay}, each delay shortened by up to {@code jitter} (0-1) at random so that many clients do not
 * reconnect in step. {@code maxAttempts} 0 retries for ever. Default: 100 ms, 30 s, 0.2, for ever.
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double jitter, int maxAttempts) {

    public ReconnectPolicy {
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("reconnect delays must satisfy 0 <= initialDelay <= maxDelay");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, not " + jitter);
        }
    }

    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(30), 0.2, 0);
    }

    /** Never reconnect: the first lost connection stops the client. */
    public static ReconnectPolicy never() {
        return new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 0, -1);
    }

    /** Whether attempt number {@code attempt} (1-based) may be made. */
    public boolean allows(int attempt) {
        return maxAttempts == 0 || (maxAttempts > 0 && attempt <= maxAttempts);
    }

    /** How long to wait before attempt number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        double base = initialDelay.toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
        double capped = Math.min(base, maxDelay.toMillis());
        double jittered = capped * (1 - jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis((long) jittered);
    }
}
