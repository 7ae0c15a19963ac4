package dev.binlog.cli;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.TableFilter;
import dev.binlog.Transaction;
import dev.binlog.kafka.KafkaSink;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Feeds the stream into the Kafka sink ({@code tail --kafka}), as {@link ChangePrinter} feeds a formatter: DDL only of
 * the selected tables and never of accounts, nothing from the stop condition on. Once stopped it also keeps the
 * position store from saving, since the stream goes on for a moment until the command closes it, and a position
 * saved past what was published would skip those transactions at the next run (with {@code --exactly-once}, a save
 * is what commits the Kafka transaction). For the same reason nothing is saved after the sink failed.
 */
final class PublishingListener implements ChangeListener {

    private final KafkaSink sink;
    private final TableFilter filter;
    private final StopCondition stop;
    private final Runnable onStop;
    private final Consumer<RowChange> progress;
    private final SelectionSummary summary;
    private Consumer<SnapshotMarker> snapshotProgress = marker -> { };
    private volatile boolean stopped;
    private volatile boolean failed;

    /**
     * @param filter   the user's filter, which the stream applies to rows; here it selects DDL
     * @param stop     where to stop, or {@code null}
     * @param onStop   called once, on the stream's thread, when the stop condition is reached
     * @param progress told of every change read, for a progress display
     * @param summary  told of every change published
     */
    PublishingListener(KafkaSink sink, TableFilter filter, StopCondition stop, Runnable onStop,
            Consumer<RowChange> progress, SelectionSummary summary) {
        this.sink = sink;
        this.filter = filter;
        this.stop = stop;
        this.onStop = onStop;
        this.progress = progress;
        this.summary = summary;
    }

    @Override
    public void onBegin(Transaction transaction) {
        if (stop != null && !stopped && stop.reached(transaction.beginPosition(), transaction.beginTimestamp())) {
            stop();
        }
        if (!stopped) {
            deliver(() -> sink.onBegin(transaction));
        }
    }

    @Override
    public void onChange(RowChange change) {
        progress.accept(change);
        if (stopped) {
            return;
        }
        if (stop != null && stop.reached(change.metadata().binlogPosition(), change.metadata().timestamp())) {
            stop();
            return;
        }
        deliver(() -> sink.onChange(change));
        summary.printed();
    }

    @Override
    public void onCommit(Transaction transaction) {
        if (!stopped) {
            deliver(() -> sink.onCommit(transaction));
        }
    }

    @Override
    public void onSchemaChange(SchemaChange change) {
        if (!stopped && SelectedSchemaChanges.selected(change, filter)) {
            deliver(() -> sink.onSchemaChange(change));
        }
    }

    @Override
    public void onSnapshot(SnapshotMarker marker) {
        snapshotProgress.accept(marker);
        if (!stopped) {
            deliver(() -> sink.onSnapshot(marker));
        }
    }

    /** Also tells {@code display} of each snapshot boundary. */
    PublishingListener withSnapshotProgress(Consumer<SnapshotMarker> display) {
        snapshotProgress = display;
        return this;
    }

    /** {@code store}, saving nothing once the stop condition was reached or the sink failed. */
    PositionStore positionStore(PositionStore store) {
        return new PositionStore() {
            @Override
            public Optional<BinlogPosition> load() {
                return store.load();
            }

            @Override
            public void save(BinlogPosition position) {
                if (!stopped && !failed) {
                    store.save(position);
                }
            }

            @Override
            public Set<String> ownTables() {
                return store.ownTables();
            }
        };
    }

    /**
     * Hands a change to the sink. After the sink failed, the stream still saves a position it held back at its stop;
     * under {@code --exactly-once} that save would commit the failed transaction's records sent so far, which the
     * next run publishes again, so no save happens after a failure.
     */
    private void deliver(Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void stop() {
        stopped = true;
        onStop.run();
    }
}
