package dev.binlog.stream;

import dev.binlog.ChangeListener;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.Transaction;

/**
 * The listener as the stream's assembler sees it: every change and DDL passes the incremental snapshot first, so that
 * its open window drops rows the stream changed and a chunk read before a DDL is read again.
 */
final class SnapshotAwareListener implements ChangeListener {

    private final ChangeListener listener;
    private final IncrementalSnapshot snapshot;

    SnapshotAwareListener(ChangeListener listener, IncrementalSnapshot snapshot) {
        this.listener = listener;
        this.snapshot = snapshot;
    }

    @Override
    public void onBegin(Transaction transaction) throws Exception {
        listener.onBegin(transaction);
    }

    @Override
    public void onChange(RowChange change) throws Exception {
        snapshot.observe(change);
        listener.onChange(change);
    }

    @Override
    public void onCommit(Transaction transaction) throws Exception {
        listener.onCommit(transaction);
    }

    @Override
    public void onSchemaChange(SchemaChange change) throws Exception {
        snapshot.schemaChanged(change);
        listener.onSchemaChange(change);
    }

    @Override
    public void onSnapshot(SnapshotMarker marker) throws Exception {
        listener.onSnapshot(marker);
    }
}
