package dev.binlog.cli;

import dev.binlog.ChangeListener;
import dev.binlog.ChangeType;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.TableFilter;
import dev.binlog.Transaction;
import dev.binlog.cli.format.ChangeFormatter;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Feeds the stream into a formatter. Output is flushed in {@link #onCommit}, before the stream saves the position, so
 * a {@code --position-file} never points past output that was not written. Once the stop condition is reached it
 * drops everything and reports it, for the caller to end the stream.
 */
final class ChangePrinter implements ChangeListener {

    private final ChangeFormatter formatter;
    private final TableFilter filter;
    private final StopCondition stop;
    private final Runnable onStop;
    private final Consumer<RowChange> progress;
    private final SelectionSummary summary;
    private volatile boolean stopped;
    private boolean inTransaction;
    private boolean copiedRowsHeld;
    private Consumer<SnapshotMarker> snapshotProgress = marker -> { };

    /**
     * @param stop     where to stop, or {@code null}
     * @param onStop   called once, on the stream's thread, when the stop condition is reached
     * @param progress told of every change read (selected or not), for a progress display
     * @param summary  told of every change printed or left out
     */
    ChangePrinter(ChangeFormatter formatter, TableFilter filter, StopCondition stop, Runnable onStop,
            Consumer<RowChange> progress, SelectionSummary summary) {
        this.formatter = formatter;
        this.filter = filter;
        this.stop = stop;
        this.onStop = onStop;
        this.progress = progress;
        this.summary = summary;
    }

    @Override
    public void onBegin(Transaction transaction) throws Exception {
        if (stop != null && !stopped && stop.reached(transaction.beginPosition(), transaction.beginTimestamp())) {
            stop();
        }
        if (!stopped) {
            inTransaction = true;
            formatter.begin(transaction);
        }
    }

    @Override
    public void onChange(RowChange change) throws Exception {
        progress.accept(change);
        if (stopped) {
            return;
        }
        if (stop != null && stop.reached(change.metadata().binlogPosition(), change.metadata().timestamp())) {
            stop();
            return;
        }
        // the stream's filter is wider (system schemas, to count them): this one decides what is printed
        if (filter.includesTable(change.schema(), change.table()) && filter.includesType(change.type())) {
            formatter.change(change);
            copiedRowsHeld |= change.type() == ChangeType.READ;
            summary.printed();
        } else {
            summary.filteredOut(change);
        }
    }

    @Override
    public void onCommit(Transaction transaction) throws Exception {
        inTransaction = false;
        if (!stopped) {
            formatter.commit(transaction);
            copiedRowsHeld = false;
        }
    }

    /**
     * Before a position is saved: copied rows not yet followed by a commit are written out (for SQL, committed), so
     * the saved snapshot progress never runs ahead of the output. Never inside a transaction, where a commit would
     * apply half of it.
     */
    void writeCopiedRows() throws IOException {
        if (copiedRowsHeld && !inTransaction && !stopped) {
            formatter.commit(null);
            copiedRowsHeld = false;
        }
    }

    @Override
    public void onSchemaChange(SchemaChange change) throws Exception {
        if (!stopped && SelectedSchemaChanges.selected(change, filter)) {
            formatter.schemaChange(change);
        }
    }

    @Override
    public void onSnapshot(SnapshotMarker marker) throws Exception {
        snapshotProgress.accept(marker);
        if (!stopped) {
            formatter.snapshot(marker);
        }
    }

    /** Also tells {@code display} of each snapshot boundary. */
    ChangePrinter withSnapshotProgress(Consumer<SnapshotMarker> display) {
        snapshotProgress = display;
        return this;
    }

    /** Whether the stop condition was reached. */
    boolean stopped() {
        return stopped;
    }

    private void stop() {
        stopped = true;
        onStop.run();
    }
}
