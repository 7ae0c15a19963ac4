package dev.binlog.cli.format;

import dev.binlog.RowChange;
import dev.binlog.Transaction;
import java.io.IOException;

/**
 * Turns the change stream into text on an output. Calls arrive on one thread, in stream order: any number of
 * {@link #change} calls, each transaction closed by {@link #commit}, and {@link #finish} once at the end.
 */
public interface ChangeFormatter {

    /** One changed row. */
    void change(RowChange change) throws IOException;

    /** The transaction of the changes since the previous commit committed; its output must be written and flushed. */
    void commit(Transaction transaction) throws IOException;

    /** The stream ended: write whatever is still held back and flush. */
    void finish() throws IOException;
}
