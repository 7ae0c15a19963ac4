package dev.binlog.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.stream.SnapshotProgress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotTotalsTest {

    private static final Instant FIRST = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-12-01T11:00:00Z");

    private static SnapshotProgress progress(Instant startedAt, long rows, long chunks, long millis, boolean done) {
        return new SnapshotProgress(null, 2, done ? 2 : 0, null, rows, chunks, 1000, Duration.ofMillis(millis),
                startedAt, done ? startedAt.plusSeconds(60) : null);
    }

    @Test
    void countsOfOneSnapshotGoOnFromThoseOfTheSnapshotBefore() {
        SnapshotTotals totals = new SnapshotTotals();
        totals.observe(progress(FIRST, 0, 0, 0, false));
        totals.observe(progress(FIRST, 300, 3, 90, true));
        totals.observe(progress(SECOND, 0, 0, 0, false));
        totals.observe(progress(SECOND, 50, 1, 20, false));
        assertThat(totals.rows()).isEqualTo(350);
        assertThat(totals.chunks()).isEqualTo(4);
        assertThat(totals.chunkNanos()).isEqualTo(110_000_000.0);
    }

    @Test
    void rowsASnapshotResumedWithAreNotCountedAgain() {
        SnapshotTotals totals = new SnapshotTotals();
        totals.observe(progress(FIRST, 300, 3, 90, false));
        totals.observe(null);
        totals.observe(progress(SECOND, 300, 0, 0, false));
        totals.observe(progress(SECOND, 400, 1, 10, true));
        assertThat(totals.rows()).as("300 before the restart, 100 after it").isEqualTo(400);
        assertThat(totals.chunks()).isEqualTo(4);
    }

    @Test
    void nothingBeforeAnySnapshot() {
        SnapshotTotals totals = new SnapshotTotals();
        totals.observe(null);
        assertThat(totals.rows()).isZero();
        assertThat(totals.chunks()).isZero();
        assertThat(totals.chunkNanos()).isZero();
    }
}
