package dev.binlog.cli.format;

import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.Transaction;
import java.io.IOException;

/**
 * Turns the change stream into text on an output. Calls arrive on one thread, in stream order: each transaction's
 * {@link #begin}, its {@link #change} calls and its {@link #commit}; DDL as {@link #schemaChange} between
 * transactions; and {@link #finish} once at the end.
 */
public interface ChangeFormatter {

    /** A transaction with selected changes begins. */
    default void begin(Transaction transaction) throws IOException {
    }

    /** One changed row. */
    void change(RowChange change) throws IOException;

    /** The transaction of the changes since the previous commit committed; its output must be written and flushed. */
    void commit(Transaction transaction) throws IOException;

    /** A DDL statement of a selected table (or of a selected schema, when it names no table). */
    default void schemaChange(SchemaChange change) throws IOException {
    }

    /**
     * A snapshot boundary; between a table's start and finish come its rows as {@code READ} changes, outside any
     * transaction.
     */
    default void snapshot(SnapshotMarker marker) throws IOException {
    }

    /** The stream ended: write whatever is still held back and flush. */
    void finish() throws IOException;
}
