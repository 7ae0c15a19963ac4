package dev.binlog.stream;

import java.time.Clock;

/**
 * How far behind the server the listener is: when the listener finished its last event, how long before that the
 * server had written it, corrected for the difference between the server's clock and ours measured at connect. It is
 * measured when an event is finished, not against the clock now, so an idle stream that has delivered everything
 * reads about zero instead of the time since the last write. A heartbeat means the server has nothing newer to send,
 * so lag is then zero.
 */
final class LagTracker {

    private final Clock clock;
    private volatile long skewMillis;
    private volatile long lagMillis = -1;
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
            // Event times have whole seconds: an event written at 12:00:00.900 counts as written at 12:00:00.
            lagMillis = Math.max(0, clock.millis() + skewMillis - eventEpochSeconds * 1000);
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
        long lag = lagMillis;
        return lag < 0 ? null : lag / 1000.0;
    }
}
