package dev.binlog.stream;

import dev.binlog.ChangeListener;
import dev.binlog.FencedException;
import dev.binlog.Lease;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.Transaction;

/**
 * The listener as snapshots hand it their rows: the lease is asked before each one, as the stream asks it before each
 * event, so a copy (a consistent one saves nothing until it ends; an incremental chunk holds many rows) stops the
 * moment the lease is gone.
 */
final class LeaseCheckingListener implements ChangeListener {

    private final ChangeListener listener;
    private final Lease lease;
    private final String endpoint;

    LeaseCheckingListener(ChangeListener listener, Lease lease, String endpoint) {
        this.listener = listener;
        this.lease = lease;
        this.endpoint = endpoint;
    }

    @Override
    public void onBegin(Transaction transaction) throws Exception {
        check();
        listener.onBegin(transaction);
    }

    @Override
    public void onChange(RowChange change) throws Exception {
        check();
        listener.onChange(change);
    }

    @Override
    public void onCommit(Transaction transaction) throws Exception {
        check();
        listener.onCommit(transaction);
    }

    @Override
    public void onSnapshot(SnapshotMarker marker) throws Exception {
        check();
        listener.onSnapshot(marker);
    }

    private void check() {
        if (!lease.held()) {
            throw new FencedException("the lease of this instance on " + endpoint + " ran out (another instance may"
                    + " stream now); the snapshot stopped, nothing more is delivered");
        }
    }
}
