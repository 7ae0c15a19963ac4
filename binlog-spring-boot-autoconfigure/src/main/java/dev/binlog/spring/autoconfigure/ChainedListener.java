package dev.binlog.spring.autoconfigure;

import dev.binlog.ChangeListener;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.Transaction;
import java.util.List;

/**
 * The client's one listener when there are {@link BinlogSink sinks}: each callback goes to the listener methods'
 * dispatcher, then to each sink, on the stream's thread. One that throws stops the stream before the rest see the
 * change, and its position is not saved, so a restart delivers it to all of them again.
 */
final class ChainedListener implements ChangeListener {

    private final List<ChangeListener> listeners;

    ChainedListener(List<ChangeListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onBegin(Transaction transaction) throws Exception {
        for (ChangeListener listener : listeners) {
            listener.onBegin(transaction);
        }
    }

    @Override
    public void onChange(RowChange change) throws Exception {
        for (ChangeListener listener : listeners) {
            listener.onChange(change);
        }
    }

    @Override
    public void onCommit(Transaction transaction) throws Exception {
        for (ChangeListener listener : listeners) {
            listener.onCommit(transaction);
        }
    }

    @Override
    public void onSchemaChange(SchemaChange change) throws Exception {
        for (ChangeListener listener : listeners) {
            listener.onSchemaChange(change);
        }
    }

    @Override
    public void onSnapshot(SnapshotMarker marker) throws Exception {
        for (ChangeListener listener : listeners) {
            listener.onSnapshot(marker);
        }
    }
}
