package dev.binlog.spring.listener;

import dev.binlog.ChangeType;
import dev.binlog.RowChange;
import dev.binlog.TableFilter;
import dev.binlog.spring.BinlogChange;
import dev.binlog.spring.mapping.RowMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.core.StandardReflectionParameterNameDiscoverer;

/**
 * One {@code @BinlogListener} method, ready to be called: whether a change concerns it (table, type, columns,
 * condition), and how to build its arguments. Everything is decided at startup; per change only the checks and the
 * call remain.
 */
final class MethodListener {

    private final ListenerEndpoint endpoint;
    private final TableFilter tables;
    private final ChangeCondition condition;
    private final ArgumentResolver[] resolvers;
    private final RowMapper<?> batchMapper;
    private final List<BinlogChange<Object>> batch = new ArrayList<>();
    private final ListenerStatistics statistics = new ListenerStatistics();

    MethodListener(ListenerEndpoint endpoint, ArgumentResolvers arguments) {
        this.endpoint = endpoint;
        this.tables = endpoint.tables().isEmpty() ? TableFilter.all()
                : TableFilter.builder().include(endpoint.tables().toArray(String[]::new)).build();
        this.condition = endpoint.condition().isBlank() ? null : new ChangeCondition(endpoint.condition());
        Method method = endpoint.method();
        int count = method.getParameterCount();
        if (count == 0) {
            throw new IllegalStateException("@BinlogListener bean '" + endpoint.beanName() + "' method "
                    + method.getName() + " takes no parameter; give it the row (a POJO or record, RowChange, …)");
        }
        resolvers = new ArgumentResolver[count];
        RowMapper<?> batchElement = null;
        for (int i = 0; i < count; i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            parameter.initParameterNameDiscovery(new StandardReflectionParameterNameDiscoverer());
            if (ArgumentResolvers.isBatch(parameter)) {
                if (count != 1) {
                    throw ArgumentResolvers.unsupported(endpoint, parameter,
                            "a List<BinlogChange<T>> listener takes no other parameter");
                }
                batchElement = arguments.batchElementMapper(parameter, endpoint);
            } else {
                resolvers[i] = arguments.forParameter(parameter, endpoint);
            }
        }
        this.batchMapper = batchElement;
        method.setAccessible(true);
    }

    String id() {
        return endpoint.id();
    }

    ListenerEndpoint endpoint() {
        return endpoint;
    }

    ListenerStatistics statistics() {
        return statistics;
    }

    boolean batch() {
        return batchMapper != null;
    }

    /** Whether this change is for this listener. */
    boolean wants(RowChange change) {
        if (!endpoint.types().isEmpty() && !endpoint.types().contains(change.type())) {
            return false;
        }
        if (!tables.includesTable(change.schema(), change.table())) {
            return false;
        }
        if (change.type() == ChangeType.UPDATE && !endpoint.columns().isEmpty()
                && endpoint.columns().stream().noneMatch(change.changedColumns()::contains)) {
            return false;
        }
        return condition == null || condition.matches(change);
    }

    /** Calls the method for one change (non-batch listeners). */
    void invoke(RowChange change) throws Exception {
        Object[] args = new Object[resolvers.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = resolvers[i].resolve(change);
        }
        call(args);
    }

    /** Adds a change to this transaction's batch; fails past {@code limit} rows. */
    void collect(RowChange change, int limit) {
        if (batch.size() >= limit) {
            throw new IllegalStateException("listener " + id() + " takes whole transactions, but the one at "
                    + change.metadata().binlogFile() + ":" + change.metadata().position() + " has more than " + limit
                    + " rows; raise binlog.listener.max-transaction-rows or take one change per call");
        }
        batch.add(ArgumentResolvers.typed(change, batchMapper));
    }

    boolean hasBatch() {
        return !batch.isEmpty();
    }

    /** Calls the method with the transaction's changes, then forgets them. */
    void flush() throws Exception {
        List<BinlogChange<Object>> changes = List.copyOf(batch);
        batch.clear();
        call(new Object[] {changes});
    }

    void discardBatch() {
        batch.clear();
    }

    private void call(Object[] args) throws Exception {
        try {
            endpoint.method().invoke(endpoint.bean(), args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }
}
