package dev.binlog.spring.actuate;

import dev.binlog.stream.SnapshotProgress;
import java.time.Instant;

/**
 * Rows, chunks and chunk time summed over every snapshot a client takes, for counters that must never go down: the
 * client's progress is that of its latest snapshot only (a consistent one at start, then each incremental one), and
 * starts again at zero with the next. A snapshot resumed from a saved position starts with the rows copied before;
 * those are not counted again when it is first seen before its first chunk, which is why the metrics look at the
 * progress on every snapshot row as well as on scrape. Only the last chunk of a cancelled snapshot can be missed, if
 * the next one starts before anything looks.
 */
final class SnapshotTotals {

    private Instant startedAt;
    private long rowsAtFirstSight;
    private SnapshotProgress seen;
    private long rowsBefore;
    private long chunksBefore;
    private long nanosBefore;

    /** Takes in the client's progress now, if any. */
    synchronized void observe(SnapshotProgress progress) {
        if (progress == null) {
            return;
        }
        if (!progress.startedAt().equals(startedAt)) {
            if (seen != null) {
                rowsBefore += seen.rows() - rowsAtFirstSight;
                chunksBefore += seen.chunks();
                nanosBefore += seen.chunkTime().toNanos();
            }
            startedAt = progress.startedAt();
            rowsAtFirstSight = progress.chunks() == 0 ? progress.rows() : 0;
        }
        seen = progress;
    }

    synchronized long rows() {
        return rowsBefore + (seen == null ? 0 : seen.rows() - rowsAtFirstSight);
    }

    synchronized long chunks() {
        return chunksBefore + (seen == null ? 0 : seen.chunks());
    }

    synchronized double chunkNanos() {
        return nanosBefore + (seen == null ? 0 : seen.chunkTime().toNanos());
    }
}
