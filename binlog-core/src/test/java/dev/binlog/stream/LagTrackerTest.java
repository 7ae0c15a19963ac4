package dev.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LagTrackerTest {

    /** A clock the test moves forward. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(String instant) {
            now = Instant.parse(instant);
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static long epoch(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    @Test
    void unknownBeforeTheFirstEvent() {
        assertThat(new LagTracker(new TestClock("2026-11-23T12:00:10Z")).lagSeconds()).isNull();
    }

    @Test
    void lagIsHowLongBeforeItWasFinishedTheEventWasWrittenCorrectedForServerClockSkew() {
        LagTracker lag = new LagTracker(new TestClock("2026-11-23T12:00:10Z"));
        lag.processed(epoch("2026-11-23T12:00:00Z"));
        assertThat(lag.lagSeconds()).isEqualTo(10.0);

        lag.serverClockSkew(-4_000); // the server's clock is 4 s behind ours
        lag.processed(epoch("2026-11-23T12:00:00Z"));
        assertThat(lag.lagSeconds()).isEqualTo(6.0);
    }

    @Test
    void anIdleStreamThatDeliveredEverythingStaysNearZeroWithoutAHeartbeat() {
        TestClock clock = new TestClock("2026-11-23T12:00:00.400Z");
        LagTracker lag = new LagTracker(clock);
        lag.processed(epoch("2026-11-23T12:00:00Z")); // the last event of a burst, finished at once
        clock.advance(Duration.ofMillis(4_500)); // idle, no heartbeat yet
        assertThat(lag.lagSeconds()).isEqualTo(0.4);
    }

    @Test
    void heartbeatMeansCaughtUpUntilTheNextEvent() {
        TestClock clock = new TestClock("2026-11-23T12:00:10Z");
        LagTracker lag = new LagTracker(clock);
        lag.processed(epoch("2026-11-23T12:00:00Z"));
        lag.caughtUp();
        assertThat(lag.lagSeconds()).isEqualTo(0.0);
        lag.processed(epoch("2026-11-23T12:00:08Z"));
        assertThat(lag.lagSeconds()).isEqualTo(2.0);
    }
}
