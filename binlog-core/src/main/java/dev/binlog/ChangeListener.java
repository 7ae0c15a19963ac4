package dev.binlog;

/**
 * Receives committed changes in commit order, on the stream's single thread. A listener that throws stops the stream
 * (nothing is skipped); the position is committed only after {@link #onCommit} returned.
 */
@FunctionalInterface
public interface ChangeListener {

    /** A transaction begins; rows follow. */
    default void onBegin(Transaction transaction) throws Exception {
    }

    /** One changed row. Large transactions are streamed row by row, never buffered whole. */
    void onChange(RowChange change) throws Exception;

    /** The transaction committed; after this returns its position is saved. */
    default void onCommit(Transaction transaction) throws Exception {
    }

    /** A DDL statement was executed. */
    default void onSchemaChange(SchemaChange change) throws Exception {
    }

    /**
     * A snapshot or one table's copy started or finished; between a table's start and finish come its rows, as
     * {@link ChangeType#READ} changes.
     */
    default void onSnapshot(SnapshotMarker marker) throws Exception {
    }
}
