package dev.binlog;

import java.util.Objects;

/**
 * A boundary of a snapshot: the whole copy or one table's, with the rows copied so far. Starts and finishes always
 * pair up: an incremental snapshot resumed after a restart starts again ({@link Kind#SNAPSHOT_STARTED}, then the table
 * in progress), and one stopped on request finishes there.
 *
 * @param kind     which boundary
 * @param schema   the table's schema, or {@code null} for the snapshot's own start and end
 * @param table    the table, or {@code null} for the snapshot's own start and end
 * @param rows     rows copied: of the table at {@link Kind#TABLE_FINISHED}, of every table at
 *                 {@link Kind#SNAPSHOT_FINISHED}, 0 at a start
 * @param tables   tables the snapshot copies
 * @param position a consistent copy: the binary log position it corresponds to, where the stream goes on; an
 *                 incremental one: where the stream stood
 */
public record SnapshotMarker(Kind kind, String schema, String table, long rows, int tables, BinlogPosition position) {

    /** Which boundary a marker stands for. */
    public enum Kind {
        SNAPSHOT_STARTED,
        TABLE_STARTED,
        TABLE_FINISHED,
        SNAPSHOT_FINISHED
    }

    public SnapshotMarker {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(position, "position");
    }

    /** {@code schema.table}, or {@code null} for the snapshot's own start and end. */
    public String qualifiedTable() {
        return schema == null ? null : schema + "." + table;
    }
}
