package dev.binlog.stream;

import java.time.Clock;

/**
 * How far behind the server the listener is: the time since the server wrote the event the listener last finished,
 * corrected for the difference between the server's clock and ours measured at connect. A heartbeat means the server
 * has nothing newer to send, so lag is then zero.
 */
final class LagTracker {

    private final Clock clock;
    private volatile long skewMillis;
    private volatile long lastEventMillis = -1;
    private volatile boolean caughtUp;

    LagTracker(Clock clock) {
        this.clock = clock;
    }

    /** Server clock minus local clock, measured at connect (e.g. from {@code SELECT UNIX_TIMESTAMP(NOW(3))}). */
    void serverClockSkew(long millis) {
        skewMillis = millis;
    }

    /** The listener finished an event the server wrote at this epoch second. */
    void processed(long eventEpochSeconds) {
        if (eventEpochSeconds > 0) {
            lastEventMillis = eventEpochSeconds * 1000;
            caughtUp = false;
        }
    }

    /** A heartbeat arrived: everything the server had was delivered. */
    void caughtUp() {
        caughtUp = true;
    }

    /** Seconds behind, or {@code null} before the first event. */
    Double lagSeconds() {
        if (caughtUp) {
            return 0.0;
        }
        long last = lastEventMillis;
        if (last < 0) {
            return null;
        }
        long serverNow = clock.millis() + skewMillis;
        return Math.max(0, serverNow - last) / 1000.0;
    }
}
