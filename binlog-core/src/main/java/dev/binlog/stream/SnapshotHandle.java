package dev.binlog.stream;

import java.util.List;
import java.util.Optional;

/**
 * An incremental snapshot asked for with {@link BinlogClient#snapshot}: its progress, and pause, resume and cancel.
 * With the table watermark these are rows written to the signal table, so they act at the stream's next transaction
 * boundary, in binary log order, on whichever instance streams; with the gtid watermark they act at the next event or
 * heartbeat of this client.
 */
public final class SnapshotHandle {

    private final BinlogClient client;
    private final String id;
    private final List<String> tables;

    SnapshotHandle(BinlogClient client, String id, List<String> tables) {
        this.client = client;
        this.id = id;
        this.tables = List.copyOf(tables);
    }

    /** The request's id (the signal row's); the snapshot's own id when none was running. */
    public String id() {
        return id;
    }

    /** The table patterns asked for ({@link BinlogClient#snapshot}), or the tables still to copy
     * ({@link BinlogClient#runningSnapshot}). */
    public List<String> tables() {
        return tables;
    }

    /**
     * The progress of the client's latest snapshot: until the stream takes this request up, that of the one before
     * (or empty); the request joins a snapshot in progress rather than starting another.
     */
    public Optional<SnapshotProgress> progress() {
        return client.snapshotProgress();
    }

    /**
     * No new chunk is read until {@link #resume()}; the stream goes on. Not kept across a restart, which resumes the
     * copy unpaused.
     *
     * @throws IllegalStateException when no incremental snapshot is in progress
     */
    public void pause() {
        client.stream().controlSnapshot(SnapshotSignal.PAUSE);
    }

    public void resume() {
        client.stream().controlSnapshot(SnapshotSignal.RESUME);
    }

    /** Stops the snapshot: tables not yet copied are not; the rows delivered stay delivered. */
    public void cancel() {
        client.stream().controlSnapshot(SnapshotSignal.STOP);
    }

    @Override
    public String toString() {
        return "SnapshotHandle[" + id + " " + tables + "]";
    }
}
