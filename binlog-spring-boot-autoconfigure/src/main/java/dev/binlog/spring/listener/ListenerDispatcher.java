package dev.binlog.spring.listener;

import dev.binlog.ChangeListener;
import dev.binlog.RowChange;
import dev.binlog.Transaction;
import dev.binlog.spring.BinlogErrorHandler;
import dev.binlog.spring.mapping.MappingException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link ChangeListener} the stream calls: hands each change to every listener method that wants it, in
 * commit order, on the stream's thread, and whole transactions to batch listeners at commit. The stream commits the
 * position only after {@link #onCommit} returns, so a change is acknowledged only once every listener is done with
 * it.
 */
public final class ListenerDispatcher implements ChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final List<MethodListener> listeners;
    private final ErrorPolicy policy;
    private final int maxTransactionRows;
    private final Function<String, BinlogErrorHandler> errorHandlers;
    private volatile DispatchObserver observer = DispatchObserver.NONE;

    ListenerDispatcher(List<MethodListener> listeners, ErrorPolicy policy, int maxTransactionRows,
            Function<String, BinlogErrorHandler> errorHandlers) {
        this.listeners = listeners;
        this.policy = policy;
        this.maxTransactionRows = maxTransactionRows;
        this.errorHandlers = errorHandlers;
    }

    /** Installs the observer of deliveries and invocations (metrics); {@link DispatchObserver#NONE} by default. */
    public void observer(DispatchObserver value) {
        observer = value == null ? DispatchObserver.NONE : value;
    }

    /** Per-listener statistics by listener id. */
    public Map<String, ListenerStatistics> statistics() {
        Map<String, ListenerStatistics> map = new java.util.LinkedHashMap<>();
        listeners.forEach(l -> map.put(l.id(), l.statistics()));
        return map;
    }

    @Override
    public void onBegin(Transaction transaction) {
        listeners.forEach(MethodListener::discardBatch);
    }

    @Override
    public void onChange(RowChange change) throws Exception {
        observer.changeDispatched(change);
        for (MethodListener listener : listeners) {
            if (!listener.wants(change)) {
                continue;
            }
            if (listener.batch()) {
                listener.collect(change, maxTransactionRows);
            } else {
                deliver(listener, change, () -> listener.invoke(change));
            }
        }
    }

    @Override
    public void onCommit(Transaction transaction) throws Exception {
        for (MethodListener listener : listeners) {
            if (listener.batch() && listener.hasBatch()) {
                deliver(listener, null, listener::flush);
            }
        }
    }

    private void deliver(MethodListener listener, RowChange change, DispatchObserver.Invocation call)
            throws Exception {
        long delay = policy.backoff().toMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                listener.statistics().invoked();
                observer.invocation(listener.id(), call);
                return;
            } catch (Exception e) {
                listener.statistics().failed(e);
                boolean mapping = e instanceof MappingException;
                if (!mapping && attempt < policy.retries()) {
                    LOG.debug("Listener {} failed (attempt {}), retrying in {} ms", listener.id(), attempt + 1, delay);
                    Thread.sleep(delay);
                    delay *= 2;
                    continue;
                }
                giveUp(listener, change, e);
                return;
            }
        }
    }

    private void giveUp(MethodListener listener, RowChange change, Exception error) throws Exception {
        String handlerName = listener.endpoint().errorHandler();
        if (!handlerName.isBlank()) {
            errorHandlers.apply(handlerName).handle(listener.id(), change, error);
            return;
        }
        if (policy.skip()) {
            listener.statistics().skipped();
            LOG.warn("Listener {} failed and the change was skipped: {} {}.{} at {}:{} key {} ({})", listener.id(),
                    change == null ? "transaction" : change.type(), change == null ? "" : change.schema(),
                    change == null ? "" : change.table(), change == null ? "" : change.metadata().binlogFile(),
                    change == null ? "" : change.metadata().position(),
                    change == null ? "" : change.primaryKey(), error.toString());
            return;
        }
        throw new ListenerFailedException(listener.id(), change, error);
    }
}
