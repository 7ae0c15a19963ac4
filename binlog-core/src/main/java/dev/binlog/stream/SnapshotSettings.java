package dev.binlog.stream;

import dev.binlog.ConfigurationException;
import dev.binlog.TableFilter;
import java.util.Objects;

/**
 * What a {@link BinlogClient} copies before it follows the binary log, and when. The copy is consistent: one
 * transaction ({@code START TRANSACTION WITH CONSISTENT SNAPSHOT}) reads every table at one binary log position, and
 * the stream goes on from exactly there, so each row is delivered once as a {@link dev.binlog.ChangeType#READ} change
 * and each later change once as itself. Tables are read in primary-key order, {@code chunkSize} rows per query, each
 * row handed to the listener as it arrives, so memory stays that of one row.
 *
 * @param mode      when to copy
 * @param tables    which tables, or {@code null} for those the stream's filter includes
 * @param chunkSize rows per query, 1 to 1,000,000 (default 10,000); rows are handed on as they arrive, so this sets
 *                  the number of queries, not the memory
 */
public record SnapshotSettings(SnapshotMode mode, TableFilter tables, int chunkSize) {

    /** Rows per chunk query unless told otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 10_000;

    private static final SnapshotSettings NEVER = new SnapshotSettings(SnapshotMode.NEVER, null, DEFAULT_CHUNK_SIZE);

    public SnapshotSettings {
        Objects.requireNonNull(mode, "mode");
        if (chunkSize < 1 || chunkSize > 1_000_000) {
            throw new ConfigurationException("snapshot chunk size " + chunkSize + " must be between 1 and 1000000");
        }
    }

    /** No snapshot. */
    public static SnapshotSettings never() {
        return NEVER;
    }

    /** A snapshot in {@code mode} of the tables the stream's filter includes, in chunks of 10,000 rows. */
    public static SnapshotSettings of(SnapshotMode mode) {
        return new SnapshotSettings(mode, null, DEFAULT_CHUNK_SIZE);
    }

    /** The same, copying only the tables {@code value} includes (of those the stream's filter includes). */
    public SnapshotSettings withTables(TableFilter value) {
        return new SnapshotSettings(mode, value, chunkSize);
    }

    /** The same, reading {@code value} rows per query. */
    public SnapshotSettings withChunkSize(int value) {
        return new SnapshotSettings(mode, tables, value);
    }
}
