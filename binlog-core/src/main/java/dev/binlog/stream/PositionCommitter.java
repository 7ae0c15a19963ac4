package dev.binlog.stream;

import dev.binlog.BinlogPosition;
import dev.binlog.PositionStore;
import dev.binlog.SnapshotCheckpoint;
import java.util.function.Supplier;

/**
 * Saves committed positions to the store: after every transaction the listener saw, and at most once a second for
 * transactions the filter hid from it (replaying those after a crash delivers nothing, so fewer writes are safe).
 */
final class PositionCommitter {

    private static final long QUIET_SAVE_INTERVAL_NANOS = 1_000_000_000L;

    private final PositionStore store;
    private final StatisticsCounter statistics;
    private volatile BinlogPosition committed;
    private BinlogPosition unsaved;
    private long lastSaveNanos = System.nanoTime();
    private Supplier<SnapshotCheckpoint> snapshot = () -> null;

    PositionCommitter(PositionStore store, StatisticsCounter statistics) {
        this.store = store;
        this.statistics = statistics;
    }

    /** Where the incremental snapshot in progress stands: every save carries it, so a restart goes on with it. */
    void snapshot(Supplier<SnapshotCheckpoint> checkpoint) {
        snapshot = checkpoint;
    }

    void delivered(BinlogPosition position) {
        save(position);
    }

    void skipped(BinlogPosition position) {
        unsaved = position;
        if (System.nanoTime() - lastSaveNanos >= QUIET_SAVE_INTERVAL_NANOS) {
            save(position);
        }
    }

    /** Saves a position held back by {@link #skipped}, e.g. at shutdown. */
    void flush() {
        if (unsaved != null) {
            save(unsaved);
        }
    }

    private void save(BinlogPosition at) {
        SnapshotCheckpoint checkpoint = snapshot.get();
        BinlogPosition position = checkpoint == at.snapshot() ? at : at.withSnapshot(checkpoint);
        store.save(position);
        committed = position;
        unsaved = null;
        lastSaveNanos = System.nanoTime();
        statistics.positionCommit();
    }

    BinlogPosition committed() {
        return committed;
    }

    /** Where to resume: the last saved position, or a held-back one. */
    BinlogPosition latest() {
        return unsaved != null ? unsaved : committed;
    }
}
