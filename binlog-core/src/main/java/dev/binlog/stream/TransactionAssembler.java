package dev.binlog.stream;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.GtidState;
import dev.binlog.Row;
import dev.binlog.RowValues;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.TableFilter;
import dev.binlog.Transaction;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the event sequence of a binary log (GTID, BEGIN, rows…, XID/COMMIT, DDL) into the listener's calls: one
 * {@link RowChange} per row, transaction boundaries, schema changes, and a committed position after each transaction
 * the listener finished. Rows are handed over one by one as they are decoded; nothing buffers a transaction.
 */
final class TransactionAssembler {

    private final ChangeListener listener;
    private final TableFilter filter;
    private final PositionCommitter committer;
    private final StatisticsCounter statistics;
    private final LagTracker lag;
    private GtidTracker gtids = GtidTracker.NONE;

    private boolean inTransaction;
    private String gtid;
    private BinlogPosition beginPosition;
    private Instant beginTimestamp;
    private Instant commitTimestamp;
    private Long threadId;
    private String rowsQuery;
    private long rowCount;
    private boolean listenerBegun;
    private boolean ownRows;
    private boolean otherRows;
    private BinlogPosition lastFinished;

    TransactionAssembler(ChangeListener listener, TableFilter filter, PositionCommitter committer,
            StatisticsCounter statistics, LagTracker lag) {
        this.listener = listener;
        this.filter = filter;
        this.committer = committer;
        this.statistics = statistics;
        this.lag = lag;
    }

    void gtidTracker(GtidTracker tracker) {
        gtids = tracker;
    }

    GtidTracker gtidTracker() {
        return gtids;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    /** Whether a transaction has begun (its GTID event or BEGIN seen) and not yet ended. */
    boolean begun() {
        return inTransaction || beginPosition != null;
    }

    /** Where the transaction in progress began, or {@code null} between transactions. */
    BinlogPosition transactionStart() {
        return inTransaction || beginPosition != null ? beginPosition : null;
    }

    /**
     * A GTID event (or MySQL's ANONYMOUS_GTID, with a {@code null} GTID): the next transaction begins. Servers write
     * this event when the transaction commits, so its timestamp is the commit time.
     */
    void gtid(String transactionGtid, EventContext at) {
        gtid = transactionGtid;
        beginPosition = new BinlogPosition(at.file(), at.position());
        beginTimestamp = Instant.ofEpochSecond(at.timestamp());
        commitTimestamp = beginTimestamp;
    }

    /** A QUERY event with BEGIN. */
    void begin(EventContext at, Long sessionThreadId) {
        inTransaction = true;
        if (beginPosition == null) {
            beginPosition = new BinlogPosition(at.file(), at.position());
            beginTimestamp = Instant.ofEpochSecond(at.timestamp());
        }
        threadId = sessionThreadId;
        rowCount = 0;
    }

    /** The SQL of the statement whose rows follow (ROWS_QUERY / ANNOTATE_ROWS). */
    void rowsQuery(String sql) {
        rowsQuery = sql;
    }

    /** A rows event of a table our position store writes ({@link OwnTables}). */
    void ownRows() {
        ownRows = true;
    }

    /** A rows event of a table the filter excludes. */
    void excludedRows() {
        otherRows = true;
    }

    /** One rows event's rows, in order. */
    void rows(ChangeType type, ResolvedTable table, List<RowImages> rows, EventContext at) throws Exception {
        otherRows = true;
        if (!table.included() || !filter.includesType(type)) {
            return;
        }
        if (!inTransaction) {
            // Rows outside BEGIN…COMMIT do not occur in valid logs; treat them as their own transaction.
            begin(at, null);
        }
        Instant time = commitTimestamp != null ? commitTimestamp : Instant.ofEpochSecond(at.timestamp());
        for (int i = 0; i < rows.size(); i++) {
            RowImages images = rows.get(i);
            if (!listenerBegun) {
                listener.onBegin(new Transaction(gtid, null, beginTimestamp, null, beginPosition, null, 0));
                listenerBegun = true;
            }
            ChangeMetadata metadata = new ChangeMetadata(at.file(), at.position(), gtid, null, at.serverId(), time, i,
                    threadId, rowsQuery, beginPosition);
            listener.onChange(change(type, table, images, metadata));
            rowCount++;
            statistics.row(type);
        }
    }

    private static RowChange change(ChangeType type, ResolvedTable table, RowImages images, ChangeMetadata metadata) {
        Row before = images.before() == null ? null : new Row(table.names(), images.before());
        Row after = images.after() == null ? null : new Row(table.names(), images.after());
        Set<String> changed = type == ChangeType.UPDATE ? changedColumns(table, images) : Set.of();
        Row keyRow = after != null ? after : before;
        return new RowChange(type, table.schema(), table.table(), before, after, changed,
                primaryKey(table, keyRow), metadata);
    }

    /** Compares the images column by column; decoded images compare their bytes and decode only what differs. */
    private static Set<String> changedColumns(ResolvedTable table, RowImages images) {
        Set<String> changed = new LinkedHashSet<>();
        RowValues before = images.before();
        RowValues after = images.after();
        for (int c = 0; c < after.size(); c++) {
            if (after.isPresent(c) && (!before.isPresent(c) || !before.sameValue(c, after))) {
                changed.add(table.names().get(c));
            }
        }
        return Collections.unmodifiableSet(changed);
    }

    private static Map<String, Object> primaryKey(ResolvedTable table, Row row) {
        int[] indexes = table.primaryKeyIndexes();
        if (indexes.length == 0) {
            return Map.of();
        }
        return new PrimaryKeyMap(table.names(), indexes, row);
    }

    /** XID event or QUERY COMMIT: the transaction is durable on the server. */
    void commit(Long xid, EventContext at) throws Exception {
        if (!inTransaction && beginPosition == null) {
            return;
        }
        finish(xid, at);
    }

    /** A DDL statement: its own transaction. Delivered after any open transaction, which it implicitly commits. */
    void ddl(String defaultSchema, String statement, EventContext at) throws Exception {
        BinlogPosition position = new BinlogPosition(at.file(), at.position());
        List<String> tables = DdlStatements.affectedTables(statement, defaultSchema);
        listener.onSchemaChange(new SchemaChange(defaultSchema, statement, tables, position, gtid));
        if (!inTransaction) {
            finish(null, at);
        }
    }

    /** A ROLLBACK that reached the log (non-transactional changes mixed in): the transaction ends. */
    void rollback(EventContext at) throws Exception {
        finish(null, at);
    }

    private void finish(Long xid, EventContext at) throws Exception {
        GtidState state = gtid == null ? gtids.current() : gtids.committed(gtid);
        BinlogPosition committed = new BinlogPosition(at.file(), at.nextPosition(), state);
        lastFinished = committed;
        if (ownRows && !otherRows) {
            // Our position store's own write: no traffic, and saving a position for it would write again.
            statistics.discard();
            lag.processed(at.timestamp());
            reset();
            return;
        }
        if (listenerBegun) {
            listener.onCommit(new Transaction(gtid, xid, beginTimestamp, Instant.ofEpochSecond(at.timestamp()),
                    beginPosition, committed, rowCount));
            statistics.transaction();
            committer.delivered(committed);
        } else {
            committer.skipped(committed);
        }
        lag.processed(at.timestamp());
        reset();
    }

    private void reset() {
        inTransaction = false;
        gtid = null;
        beginPosition = null;
        beginTimestamp = null;
        commitTimestamp = null;
        threadId = null;
        rowsQuery = null;
        rowCount = 0;
        listenerBegun = false;
        ownRows = false;
        otherRows = false;
    }

    /** Where the last transaction ended (with its GTID state), or where the stream started; {@code null} before. */
    BinlogPosition lastFinished() {
        return lastFinished;
    }

    /** Where the stream starts, until a transaction ends. */
    void startedAt(BinlogPosition position) {
        if (lastFinished == null) {
            lastFinished = position;
        }
    }

    /** Forgets a transaction cut off by a reconnect; the stream resumes at its start and sees it again whole. */
    void abandon() {
        reset();
    }
}
