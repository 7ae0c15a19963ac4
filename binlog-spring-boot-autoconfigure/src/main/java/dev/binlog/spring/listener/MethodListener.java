package dev.binlog.spring.listener;

import dev.binlog.ChangeType;
import dev.binlog.ConfigurationException;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.TableFilter;
import dev.binlog.Transaction;
import dev.binlog.spring.BinlogChange;
import dev.binlog.spring.BinlogErrorHandler;
import dev.binlog.spring.mapping.MappingException;
import dev.binlog.spring.mapping.RowMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.MethodParameter;
import org.springframework.core.StandardReflectionParameterNameDiscoverer;

/**
 * One {@code @BinlogListener} method, ready to be called: whether a change concerns it (table, type, columns,
 * condition), and how to build its arguments. Everything is decided at startup; per change only the checks and the
 * call remain. A per-transaction listener collects its changes here; what goes wrong while collecting (a mapping or
 * condition failure, a transaction over the row limit) is kept and handed to its error policy at commit, so that it
 * concerns this listener only.
 */
final class MethodListener {

    /** Bounds the table decisions kept, for servers with very many schemas. */
    private static final int MAX_REMEMBERED_SCHEMAS = 1024;

    private final ListenerEndpoint endpoint;
    private final TableFilter tables;
    private final ChangeCondition condition;
    private final ArgumentResolver[] resolvers;
    private final RowMapper<?> rowMapper;
    private final boolean batch;
    private final BinlogErrorHandler errorHandler;
    private final List<BinlogChange<Object>> changes = new ArrayList<>();
    private final ListenerStatistics statistics = new ListenerStatistics();
    private Exception batchFailure;
    /** For a schema-change listener, its schema patterns as a filter, or {@code null} when it names none. */
    private final TableFilter schemas;
    /**
     * For a schema-change or commit listener, the type of its one parameter ({@code SchemaChange}, {@code String} or
     * {@code Transaction}), or {@code null} when it takes none.
     */
    private final Class<?> eventArgument;
    /** For a commit listener: rows of its tables in the current transaction. */
    private long transactionRows;
    /** {@link #tables}' answer per table, asked once per table rather than per change (patterns are regexes). */
    private final Map<String, Map<String, Boolean>> tableDecisions = new HashMap<>();
    private String lastSchema;
    private String lastTable;
    private boolean lastDecision;

    /** @param errorHandler the bean its {@code errorHandler} names, resolved at registration; {@code null} for none */
    MethodListener(ListenerEndpoint endpoint, ArgumentResolvers arguments, BinlogErrorHandler errorHandler) {
        this.endpoint = endpoint;
        this.errorHandler = errorHandler;
        String where = ArgumentResolvers.describe(endpoint);
        try {
            this.tables = endpoint.tables().isEmpty() ? TableFilter.all()
                    : TableFilter.builder().include(endpoint.tables().toArray(String[]::new)).build();
        } catch (ConfigurationException | IllegalArgumentException e) {
            throw new InvalidListenerException(where + ": table patterns " + endpoint.tables() + " are not valid: "
                    + e.getMessage(), e);
        }
        this.schemas = endpoint.schemas().isEmpty() ? null : schemaFilter(endpoint, where);
        Method method = endpoint.method();
        if (endpoint.kind() != ListenerEndpoint.Kind.ROW_CHANGES) {
            this.resolvers = new ArgumentResolver[0];
            this.rowMapper = null;
            this.batch = false;
            this.condition = null;
            this.eventArgument = eventArgument(endpoint, where);
            method.setAccessible(true);
            return;
        }
        this.eventArgument = null;
        int count = method.getParameterCount();
        if (count == 0) {
            throw new InvalidListenerException(where + " takes no parameter; give it the row (a POJO or record, "
                    + "RowChange, …). " + ArgumentResolvers.SUPPORTED);
        }
        resolvers = new ArgumentResolver[count];
        RowMapper<?> mapper = null;
        boolean takesTransactions = false;
        for (int i = 0; i < count; i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            parameter.initParameterNameDiscovery(new StandardReflectionParameterNameDiscoverer());
            if (ArgumentResolvers.isBatch(parameter)) {
                if (count != 1) {
                    throw ArgumentResolvers.unsupported(endpoint, parameter,
                            "a List<BinlogChange<T>> listener takes no other parameter");
                }
                takesTransactions = true;
            } else {
                resolvers[i] = arguments.forParameter(parameter, endpoint);
            }
            if (mapper == null) {
                mapper = arguments.rowMapper(parameter, endpoint);
            }
        }
        this.rowMapper = mapper;
        this.batch = takesTransactions;
        Class<?> rowType = mapper == null || mapper.type() == Map.class ? null : mapper.type();
        this.condition = endpoint.condition().isBlank() ? null
                : new ChangeCondition(endpoint.condition(), rowType, where);
        method.setAccessible(true);
    }

    /**
     * The one parameter a schema-change or commit listener may take, checked once: {@code SchemaChange} or
     * {@code String} (required) for the one, {@code Transaction} or nothing for the other.
     */
    private static Class<?> eventArgument(ListenerEndpoint endpoint, String where) {
        Method method = endpoint.method();
        boolean schema = endpoint.kind() == ListenerEndpoint.Kind.SCHEMA_CHANGES;
        String supported = schema ? "an @OnSchemaChange method takes one parameter: SchemaChange, or String (the"
                + " statement)" : "an @OnCommit method takes no parameter or one Transaction";
        Class<?>[] types = method.getParameterTypes();
        if (types.length == 0 && !schema) {
            return null;
        }
        if (types.length != 1) {
            throw new InvalidListenerException(where + " takes " + types.length + " parameters; " + supported);
        }
        Class<?> type = types[0];
        boolean fits = schema ? type == SchemaChange.class || type == String.class : type == Transaction.class;
        if (!fits) {
            MethodParameter parameter = new MethodParameter(method, 0);
            parameter.initParameterNameDiscovery(new StandardReflectionParameterNameDiscoverer());
            throw new InvalidListenerException(where + ": parameter 1 (" + type.getSimpleName() + " "
                    + parameter.getParameterName() + ") cannot be served; " + supported);
        }
        return type;
    }

    private static TableFilter schemaFilter(ListenerEndpoint endpoint, String where) {
        try {
            // a pattern without a dot names a whole schema
            return TableFilter.builder().include(endpoint.schemas().toArray(String[]::new)).build();
        } catch (ConfigurationException | IllegalArgumentException e) {
            throw new InvalidListenerException(where + ": schema patterns " + endpoint.schemas() + " are not valid: "
                    + e.getMessage(), e);
        }
    }

    String id() {
        return endpoint.id();
    }

    ListenerEndpoint.Kind kind() {
        return endpoint.kind();
    }

    /**
     * Whether a schema-change listener wants this DDL: any when it names nothing; else one affecting a table its
     * {@code table} patterns name or a table of a schema its {@code schema} patterns name, or, when the statement
     * names no table, whose default schema they name.
     */
    boolean wants(SchemaChange change) {
        if (endpoint.tables().isEmpty() && schemas == null) {
            return true;
        }
        for (String name : change.affectedTables()) {
            int dot = name.indexOf('.');
            String schema = name.substring(0, dot);
            String table = name.substring(dot + 1);
            if (table.equals("*")) {
                // CREATE/DROP DATABASE: the whole schema
                if (schemas != null && schemas.includesTable(schema, "")) {
                    return true;
                }
            } else if ((!endpoint.tables().isEmpty() && tables.includesTable(schema, table))
                    || (schemas != null && schemas.includesTable(schema, table))) {
                return true;
            }
        }
        return change.affectedTables().isEmpty() && schemas != null && change.schema() != null
                && !change.schema().isEmpty() && schemas.includesTable(change.schema(), "");
    }

    /** Calls a schema-change listener with the statement or the whole {@link SchemaChange}. */
    void invoke(SchemaChange change) throws Exception {
        call(new Object[] {eventArgument == String.class ? change.statement() : change});
    }

    /** For a commit listener: counts a row of the current transaction when it is of a table the listener names. */
    void countRow(RowChange change) {
        if (change.type() != ChangeType.READ && includes(change.schema(), change.table())) {
            transactionRows++;
        }
    }

    /** For a commit listener: whether the current transaction changed a row of its tables. */
    boolean touched() {
        return transactionRows > 0;
    }

    /** Calls a commit listener with the transaction, its row count that of the listener's tables. */
    void invoke(Transaction committed) throws Exception {
        if (eventArgument == null) {
            call(new Object[0]);
            return;
        }
        call(new Object[] {new Transaction(committed.gtid(), committed.xid(), committed.beginTimestamp(),
                committed.commitTimestamp(), committed.beginPosition(), committed.committedPosition(),
                transactionRows)});
    }

    /** For a commit listener: forgets the current transaction's rows. */
    void resetTransaction() {
        transactionRows = 0;
    }

    ListenerEndpoint endpoint() {
        return endpoint;
    }

    /** The error handler bean the listener names, or {@code null}. */
    BinlogErrorHandler errorHandler() {
        return errorHandler;
    }

    ListenerStatistics statistics() {
        return statistics;
    }

    boolean batch() {
        return batch;
    }

    /** The mapper of the listener's row type, or {@code null} when it takes no mapped row. */
    RowMapper<?> rowMapper() {
        return rowMapper;
    }

    /** Whether the listener names this table (its patterns, or every table when it has none). */
    boolean listensTo(String schema, String table) {
        return tables.includesTable(schema, table);
    }

    /** Whether this change is for this listener by type, table and changed columns (the condition comes later). */
    boolean wants(RowChange change) {
        if (endpoint.kind() != ListenerEndpoint.Kind.ROW_CHANGES) {
            return false;
        }
        // no types named: every change a transaction made, but not the rows a snapshot copied (READ is opt-in)
        if (endpoint.types().isEmpty() ? change.type() == ChangeType.READ : !endpoint.types().contains(change.type())) {
            return false;
        }
        if (!includes(change.schema(), change.table())) {
            return false;
        }
        return change.type() != ChangeType.UPDATE || endpoint.columns().isEmpty()
                || endpoint.columns().stream().anyMatch(change.changedColumns()::contains);
    }

    /** {@link #listensTo}, remembered per table; called on the stream's thread only. */
    private boolean includes(String schema, String table) {
        if (schema == lastSchema && table == lastTable && schema != null) {
            return lastDecision;
        }
        Map<String, Boolean> ofSchema = tableDecisions.get(schema);
        Boolean decision = ofSchema == null ? null : ofSchema.get(table);
        if (decision == null) {
            decision = tables.includesTable(schema, table);
            if (tableDecisions.size() > MAX_REMEMBERED_SCHEMAS) {
                tableDecisions.clear();
            }
            tableDecisions.computeIfAbsent(schema, s -> new HashMap<>()).put(table, decision);
        }
        lastSchema = schema;
        lastTable = table;
        lastDecision = decision;
        return decision;
    }

    Images images(RowChange change) {
        return new Images(change, rowMapper);
    }

    /** Whether the condition (if any) holds; throws {@link ConditionFailedException} when it cannot be evaluated. */
    boolean conditionHolds(Images images) {
        if (condition == null) {
            return true;
        }
        try {
            return condition.matches(images);
        } catch (MappingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConditionFailedException("condition \"" + condition + "\" of listener " + id()
                    + " could not be evaluated: " + e.getMessage(), e);
        }
    }

    /** Calls the method for one change (non-batch listeners). */
    void invoke(Images images) throws Exception {
        Object[] args = new Object[resolvers.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = resolvers[i].resolve(images);
        }
        call(args);
    }

    /**
     * Adds a change to this transaction's batch, when its condition holds. Past {@code limit} rows, or when the
     * condition or the mapping fails, the batch is dropped and the failure kept for {@link #batchFailure()}.
     */
    void collect(RowChange change, int limit, Supplier<String> transaction) {
        if (batchFailure != null) {
            return;
        }
        try {
            Images images = images(change);
            if (!conditionHolds(images)) {
                return;
            }
            if (changes.size() >= limit) {
                throw new TransactionTooLargeException("listener " + id() + " takes whole transactions, but the one "
                        + transaction.get() + " has more than " + limit + " rows (binlog.listener.max-transaction-rows); "
                        + "it was not delivered to this listener. Raise the limit or take one change per call");
            }
            changes.add(ArgumentResolvers.typed(images, rowMapper));
        } catch (RuntimeException e) {
            batchFailure = e;
            changes.clear();
        }
    }

    /** What went wrong while collecting this transaction, or {@code null}. */
    Exception batchFailure() {
        return batchFailure;
    }

    boolean hasBatch() {
        return !changes.isEmpty();
    }

    /** Calls the method with the transaction's changes. */
    void flush() throws Exception {
        call(new Object[] {List.copyOf(changes)});
    }

    /** Forgets the batch and any failure of the last transaction. */
    void discardBatch() {
        changes.clear();
        batchFailure = null;
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
