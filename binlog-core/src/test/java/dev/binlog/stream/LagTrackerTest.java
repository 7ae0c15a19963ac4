package dev.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LagTrackerTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T12:00:10Z"), ZoneOffset.UTC);

    @Test
    void unknownBeforeTheFirstEvent() {
        assertThat(new LagTracker(NOW).lagSeconds()).isNull();
    }

    @Test
    void lagIsTimeSinceTheEventWasWrittenCorrectedForServerClockSkew() {
        LagTracker lag = new LagTracker(NOW);
        lag.processed(Instant.parse("2026-11-23T12:00:00Z").getEpochSecond());
        assertThat(lag.lagSeconds()).isEqualTo(10.0);

        lag.serverClockSkew(-4_000); // the server's clock is 4 s behind ours
        assertThat(lag.lagSeconds()).isEqualTo(6.0);
    }

    @Test
    void heartbeatMeansCaughtUpUntilTheNextEvent() {
        LagTracker lag = new LagTracker(NOW);
        lag.processed(Instant.parse("2026-11-23T12:00:00Z").getEpochSecond());
        lag.caughtUp();
        assertThat(lag.lagSeconds()).isEqualTo(0.0);
        lag.processed(Instant.parse("2026-11-23T12:00:08Z").getEpochSecond());
        assertThat(lag.lagSeconds()).isEqualTo(2.0);
    }
}
