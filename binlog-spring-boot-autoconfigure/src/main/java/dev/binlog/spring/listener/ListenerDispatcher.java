package dev.binlog.spring.listener;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.DecodeException;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.Transaction;
import dev.binlog.spring.BinlogErrorHandler;
import dev.binlog.spring.mapping.MappingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link ChangeListener} the stream calls: hands each change to every listener method that wants it, in
 * commit order, on the stream's thread, and whole transactions to batch listeners at commit. The stream commits the
 * position only after {@link #onCommit} returns, so a change is acknowledged only once every listener is done with
 * it. Rows a snapshot copied come outside any transaction, so a batch listener that names READ gets them one per
 * call. {@code @OnCommit} listeners are called at commit after the batch listeners, for a transaction that changed
 * rows of their tables (counted as the rows pass, never kept); {@code @OnSchemaChange} listeners when a DDL statement
 * comes, between the transactions around it. A failure (the method threw, its condition or mapping failed, its transaction was too large) is that
 * listener's: retried when retrying can help, then handed to its error handler or the error policy (stop the stream,
 * skip the change for that listener, or write it to the {@link DeadLetters} and go on); the other listeners are not
 * affected unless the policy stops the stream.
 *
 * <p>Per-listener isolation: every listener of a change is called in turn and a failure, once retried and given up
 * on, ends only that listener's delivery of the change (skip, dead letter or error handler) before the next
 * listener is called. The state kept per listener ({@link MethodListener}) is its own: its statistics (invocations,
 * failures, skipped and dead-lettered changes, last error), the rows a batch listener collected for the transaction
 * in flight and a batch failure (too many rows, a mapping error) that fails only its flush, and whether an
 * {@code @OnCommit} listener's tables were touched. The dispatcher itself keeps only the transaction in flight.
 *
 * <p>Dead letters cover row listeners: under {@code dead-letter} a failing batch, {@code @OnCommit} or
 * {@code @OnSchemaChange} listener stops the stream (nothing skipped), since no single row describes what it failed
 * on. A dead letter's {@link #replay replay} holds the dispatcher's lock, as every delivery does, so it never runs
 * at the same time as the stream's delivery to the same listener.
 */
public final class ListenerDispatcher implements ChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final List<MethodListener> listeners;
    private final ErrorPolicy policy;
    private final int maxTransactionRows;
    private volatile DispatchObserver observer = DispatchObserver.NONE;
    private volatile DeadLetters deadLetters;
    private Transaction transaction;
    private boolean inTransaction;

    ListenerDispatcher(List<MethodListener> listeners, ErrorPolicy policy, int maxTransactionRows) {
        this.listeners = listeners;
        this.policy = policy;
        this.maxTransactionRows = maxTransactionRows;
    }

    /** Installs the observer of deliveries and invocations (metrics); {@link DispatchObserver#NONE} by default. */
    public void observer(DispatchObserver value) {
        observer = value == null ? DispatchObserver.NONE : value;
    }

    /**
     * Under {@code binlog.error-handling.mode=dead-letter}, where a row change goes whose listener still fails after
     * its retries; {@code null} (the default) applies the policy's stop or skip instead.
     */
    public void deadLetters(DeadLetters value) {
        deadLetters = value;
    }

    /** The dead letters of {@code dead-letter} mode, or {@code null}. */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * Delivers a dead letter's change to the listener once more, on the caller's thread, holding the lock every
     * delivery of the stream holds (so never at the same time as one); no retries, no dead letter: a failure is
     * thrown to the caller.
     *
     * @throws IllegalArgumentException when there is no row listener with that id
     */
    public synchronized void replay(String listenerId, RowChange change) throws Exception {
        MethodListener listener = listeners.stream().filter(l -> l.id().equals(listenerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no listener '" + listenerId + "' is registered"));
        if (listener.batch() || listener.kind() != ListenerEndpoint.Kind.ROW_CHANGES) {
            throw new IllegalArgumentException("listener '" + listenerId + "' is not a row listener");
        }
        listener.statistics().invoked();
        try {
            listener.invoke(listener.images(change));
        } catch (Exception e) {
            listener.statistics().failed(e);
            throw e;
        }
    }

    /** Per-listener statistics by listener id. */
    public Map<String, ListenerStatistics> statistics() {
        Map<String, ListenerStatistics> map = new LinkedHashMap<>();
        listeners.forEach(l -> map.put(l.id(), l.statistics()));
        return map;
    }

    /** The registered listeners, as declared. */
    public List<ListenerEndpoint> endpoints() {
        return listeners.stream().map(MethodListener::endpoint).toList();
    }

    List<MethodListener> listeners() {
        return listeners;
    }

    @Override
    public synchronized void onBegin(Transaction begun) {
        transaction = begun;
        inTransaction = true;
        listeners.forEach(MethodListener::discardBatch);
        listeners.forEach(MethodListener::resetTransaction);
    }

    @Override
    public synchronized void onChange(RowChange change) throws Exception {
        observer.changeDispatched(change);
        for (MethodListener listener : listeners) {
            if (listener.kind() == ListenerEndpoint.Kind.COMMITS) {
                if (inTransaction) {
                    listener.countRow(change);
                }
                continue;
            }
            if (!listener.wants(change)) {
                continue;
            }
            if (listener.batch() && inTransaction) {
                Transaction current = transaction;
                listener.collect(change, maxTransactionRows, () -> describe(current, change));
            } else if (listener.batch()) {
                // a snapshot's rows belong to no transaction and no commit follows them: one per call, at once
                listener.discardBatch();
                listener.collect(change, maxTransactionRows, () -> describe(null, change));
                flush(listener, null);
            } else {
                deliver(listener, change);
            }
        }
    }

    @Override
    public synchronized void onCommit(Transaction committed) throws Exception {
        for (MethodListener listener : listeners) {
            if (listener.batch()) {
                flush(listener, committed);
            }
        }
        // after every row and batch listener is done with the transaction
        for (MethodListener listener : listeners) {
            if (listener.kind() == ListenerEndpoint.Kind.COMMITS && listener.touched()) {
                invoke(listener, null, committed, null, () -> listener.invoke(committed));
            }
        }
        listeners.forEach(MethodListener::resetTransaction);
        transaction = null;
        inTransaction = false;
    }

    /**
     * A DDL statement, in binlog order between the row changes around it; the stream saves the position after it only
     * once this returned, so a listener that stops the stream gets the statement again on restart.
     */
    @Override
    public synchronized void onSchemaChange(SchemaChange change) throws Exception {
        for (MethodListener listener : listeners) {
            if (listener.kind() == ListenerEndpoint.Kind.SCHEMA_CHANGES && listener.wants(change)) {
                invoke(listener, null, null, change, () -> listener.invoke(change));
            }
        }
    }

    private void flush(MethodListener listener, Transaction committed) throws Exception {
        Exception failure = listener.batchFailure();
        if (failure != null) {
            listener.statistics().failed(failure);
            giveUp(listener, null, committed, null, failure);
        } else if (listener.hasBatch()) {
            invoke(listener, null, committed, null, listener::flush);
        }
        listener.discardBatch();
    }

    @Override
    public void onSnapshot(SnapshotMarker marker) {
        observer.snapshotMarker(marker);
    }

    private void deliver(MethodListener listener, RowChange change) throws Exception {
        Images images = listener.images(change);
        try {
            if (!listener.conditionHolds(images)) {
                return;
            }
        } catch (RuntimeException e) {
            listener.statistics().failed(e);
            stopOnCorruptBinlog(e);
            giveUp(listener, change, null, null, e);
            return;
        }
        invoke(listener, change, null, null, () -> listener.invoke(images));
    }

    /** Calls a listener about a row change, a transaction or a schema change (the others {@code null}). */
    private void invoke(MethodListener listener, RowChange change, Transaction committed, SchemaChange ddl,
            DispatchObserver.Invocation call) throws Exception {
        long delay = policy.backoff().toMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                listener.statistics().invoked();
                observer.invocation(listener.id(), call);
                return;
            } catch (Exception e) {
                listener.statistics().failed(e);
                stopOnCorruptBinlog(e);
                boolean retryable = !(e instanceof MappingException || e instanceof ConditionFailedException);
                if (retryable && attempt < policy.retries()) {
                    LOG.debug("Listener {} failed (attempt {}), retrying in {} ms", listener.id(), attempt + 1, delay);
                    Thread.sleep(delay);
                    delay *= 2;
                    continue;
                }
                giveUp(listener, change, committed, ddl, e);
                return;
            }
        }
    }

    /**
     * A value that does not decode (rows decode when a listener reads them) is a damaged binlog, not the listener's
     * failure: it stops the stream as it would have when the event was read, never retried, skipped or handed to an
     * error handler, so that no change is lost unseen.
     */
    private static void stopOnCorruptBinlog(Exception error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DecodeException decode) {
                throw decode;
            }
        }
    }

    private void giveUp(MethodListener listener, RowChange change, Transaction committed, SchemaChange ddl,
            Exception error) throws Exception {
        BinlogErrorHandler handler = listener.errorHandler();
        if (handler != null) {
            handler.handle(listener.id(), change, error);
            listener.statistics().skipped();
            return;
        }
        DeadLetters letters = deadLetters;
        if (letters != null) {
            if (change == null) {
                String what = ddl != null ? "the schema change " + describe(ddl)
                        : "the transaction " + describe(committed, null);
                throw new ListenerFailedException(listener.id(), what + " (dead letters cover row listeners only)",
                        error);
            }
            // a failed write throws and stops the stream: the change is then not lost but delivered again on restart
            long id = letters.write(listener.id(), change, error);
            listener.statistics().deadLettered();
            LOG.warn("Listener {} failed and the change went to dead letter {}: {} {}.{} at {}:{} ({})", listener.id(),
                    id, change.type(), change.schema(), change.table(), change.metadata().binlogFile(),
                    change.metadata().position(), error.getClass().getName());
            return;
        }
        if (policy.skip()) {
            listener.statistics().skipped();
            if (change != null) {
                LOG.warn("Listener {} failed and the change was skipped: {} {}.{} at {}:{} key {} ({})", listener.id(),
                        change.type(), change.schema(), change.table(), change.metadata().binlogFile(),
                        change.metadata().position(), change.primaryKey(), error.toString());
            } else if (ddl != null) {
                LOG.warn("Listener {} failed and the schema change {} was skipped for it ({})", listener.id(),
                        describe(ddl), error.toString());
            } else {
                LOG.warn("Listener {} failed and the transaction {} was skipped for it ({})", listener.id(),
                        describe(committed, null), error.toString());
            }
            return;
        }
        if (ddl != null) {
            throw new ListenerFailedException(listener.id(), "the schema change " + describe(ddl), error);
        }
        throw new ListenerFailedException(listener.id(), change, describe(committed, null), error);
    }

    /** {@code 'ALTER TABLE shop.orders …' at mysql-bin.000003:1207}, for messages (the statement shortened). */
    private static String describe(SchemaChange ddl) {
        String sql = ddl.statement().strip().replaceAll("\\s+", " ");
        String shown = sql.length() > 80 ? sql.substring(0, 80) + "…" : sql;
        BinlogPosition at = ddl.position();
        return "'" + shown + "'" + (at == null ? "" : " at " + at.file() + ":" + at.position());
    }

    /** Where a transaction is, for messages: {@code at mysql-bin.000003:1207 (row 3 at …)}. */
    private static String describe(Transaction transaction, RowChange change) {
        BinlogPosition begin = transaction == null ? null : transaction.beginPosition();
        String at = begin == null ? "" : "at " + begin.file() + ":" + begin.position();
        if (change == null) {
            return at.isEmpty() ? "(position unknown)" : at;
        }
        String row = change.metadata().binlogFile() + ":" + change.metadata().position();
        return at.isEmpty() ? "with the row at " + row : at + " (row at " + row + ")";
    }
}
