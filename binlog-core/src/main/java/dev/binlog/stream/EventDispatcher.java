package dev.binlog.stream;

import dev.binlog.ChangeType;
import dev.binlog.MariaDbGtid;
import dev.binlog.MariaDbGtidList;
import dev.binlog.event.AnnotateRowsEvent;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.DeleteRowsEvent;
import dev.binlog.event.EventHeader;
import dev.binlog.event.GtidEvent;
import dev.binlog.event.HeartbeatEvent;
import dev.binlog.event.MariaGtidEvent;
import dev.binlog.event.MariaGtidListEvent;
import dev.binlog.event.PreviousGtidsEvent;
import dev.binlog.event.QueryEvent;
import dev.binlog.event.RotateEvent;
import dev.binlog.event.RowImage;
import dev.binlog.event.RowsEvent;
import dev.binlog.event.RowsQueryEvent;
import dev.binlog.event.TableMapEvent;
import dev.binlog.event.TransactionPayloadEvent;
import dev.binlog.event.UpdateRowsEvent;
import dev.binlog.event.UpdatedRow;
import dev.binlog.event.WriteRowsEvent;
import dev.binlog.event.XidEvent;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.Row;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes decoded events to the stream's parts: TABLE_MAPs to the {@link TableResolver} (whose enriched columns then
 * decode the rows), transaction events and rows to the {@link TransactionAssembler}, GTID state to its tracker.
 * Shared by the live stream and by binlog files read offline.
 */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final TransactionAssembler assembler;
    private final TableResolver resolver;
    private final OwnTables ownTables;
    private final DecoderContext decoderContext;
    private final StatisticsCounter statistics;
    private final LagTracker lag;
    private String file;
    private SignalTable signalTable;
    private Consumer<SnapshotSignal> signals = signal -> { };

    EventDispatcher(TransactionAssembler assembler, TableResolver resolver, OwnTables ownTables,
            DecoderContext decoderContext, StatisticsCounter statistics, LagTracker lag, String initialFile) {
        this.assembler = assembler;
        this.resolver = resolver;
        this.ownTables = ownTables;
        this.decoderContext = decoderContext;
        this.statistics = statistics;
        this.lag = lag;
        this.file = initialFile;
    }

    String file() {
        return file;
    }

    /** Whether a transaction has begun (GTID event or BEGIN) and not yet ended. */
    boolean inTransaction() {
        return assembler.begun();
    }

    /** Rows inserted into {@code table} go to {@code receiver}, never to the listener. */
    void signals(SignalTable table, Consumer<SnapshotSignal> receiver) {
        signalTable = table;
        signals = receiver;
    }

    /** The file whose events follow (a new file started, or a reader moved to the next one). */
    void file(String newFile) {
        file = newFile;
    }

    void dispatch(BinlogEvent event) throws Exception {
        EventHeader header = event.header();
        if (!assembler.begun() && ownTables.any()) {
            // Until a transaction shows rows of another table, it may be our position store's write, not traffic.
            statistics.hold();
        }
        // Not the header's next-position field: MariaDB 11 writes 0 there inside transactions.
        dispatch(event, new EventContext(file, header.position(), header.position() + header.eventLength(),
                header.timestamp(), header.serverId()));
        if (!assembler.begun()) {
            statistics.release();
        }
    }

    private void dispatch(BinlogEvent event, EventContext at) throws Exception {
        statistics.event(event.header().typeName());
        if (event instanceof TableMapEvent map) {
            tableMap(map, at);
        } else if (event instanceof RowsEvent rows) {
            rows(rows, at);
        } else if (event instanceof QueryEvent query) {
            query(query, at);
        } else if (event instanceof XidEvent xid) {
            assembler.commit(xid.xid(), at);
        } else if (event instanceof GtidEvent gtid) {
            assembler.gtid(gtid.anonymous() ? null : gtid.gtid(), at);
        } else if (event instanceof MariaGtidEvent gtid) {
            assembler.gtid(gtid.gtid().toString(), at);
        } else if (event instanceof PreviousGtidsEvent previous) {
            assembler.gtidTracker().known(previous.gtidSet());
        } else if (event instanceof MariaGtidListEvent list) {
            assembler.gtidTracker().known(gtidList(list));
        } else if (event instanceof AnnotateRowsEvent annotate) {
            assembler.rowsQuery(annotate.query());
        } else if (event instanceof RowsQueryEvent rowsQuery) {
            assembler.rowsQuery(rowsQuery.query());
        } else if (event instanceof TransactionPayloadEvent payload) {
            // Inner events have no positions of their own: they all stand at the payload's place in the file.
            for (BinlogEvent inner : payload.events()) {
                dispatch(inner, at);
            }
        } else if (event instanceof RotateEvent rotate) {
            if (!rotate.nextFile().equals(file)) {
                file = rotate.nextFile();
            }
        } else if (event instanceof HeartbeatEvent) {
            lag.caughtUp();
        }
    }

    private void tableMap(TableMapEvent map, EventContext at) {
        ResolvedTable table = resolver.resolve(map.tableId(), map.schema(), map.table(), map.columns(),
                at.file() + ":" + at.position());
        if (!ownTables.contains(map.schema(), map.table())) {
            statistics.release();
        }
        if (table.included() && table.columns() != map.columns()) {
            // Rows are decoded with what we know of the columns: signedness, charsets, ENUM/SET names.
            decoderContext.tableMap(new TableMapEvent(map.header(), map.tableId(), map.flags(), map.schema(),
                    map.table(), table.columns(), map.primaryKey(), map.primaryKeyPrefix()));
        }
    }

    private void rows(RowsEvent rows, EventContext at) throws Exception {
        ResolvedTable table = resolver.byId(rows.tableId());
        if (table != null && signalTable != null && signalTable.matches(table.schema(), table.table())) {
            if (rows instanceof WriteRowsEvent write) {
                for (RowImage image : write.rows()) {
                    Row row = new Row(table.names(), image.rowValues());
                    signals.accept(new SnapshotSignal(text(row, "id"), text(row, "type"), text(row, "data")));
                }
            }
            assembler.ownRows();
            return;
        }
        if (table == null || !table.included()) {
            if (table != null && ownTables.contains(table.schema(), table.table())) {
                assembler.ownRows();
            } else {
                assembler.excludedRows();
            }
            return;
        }
        if (rows instanceof WriteRowsEvent write) {
            assembler.rows(ChangeType.INSERT, table, images(write.rows(), true), at);
        } else if (rows instanceof DeleteRowsEvent delete) {
            assembler.rows(ChangeType.DELETE, table, images(delete.rows(), false), at);
        } else if (rows instanceof UpdateRowsEvent update) {
            List<RowImages> images = new ArrayList<>(update.rows().size());
            for (UpdatedRow row : update.rows()) {
                images.add(RowImages.update(row.before().rowValues(), row.after().rowValues()));
            }
            assembler.rows(ChangeType.UPDATE, table, images, at);
        }
    }

    private static String text(Row row, String column) {
        Object value = row.has(column) ? row.get(column) : null;
        return value == null ? null : value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value.toString();
    }

    /** The images as they come: a row decodes its values when the listener reads them. */
    private static List<RowImages> images(List<RowImage> rows, boolean insert) {
        List<RowImages> images = new ArrayList<>(rows.size());
        for (RowImage row : rows) {
            images.add(insert ? RowImages.insert(row.rowValues()) : RowImages.delete(row.rowValues()));
        }
        return images;
    }

    private void query(QueryEvent query, EventContext at) throws Exception {
        String sql = query.sql();
        String upper = DdlStatements.strip(sql).toUpperCase(Locale.ROOT);
        if (upper.startsWith("BEGIN") || upper.startsWith("XA START")) {
            assembler.begin(at, query.threadId());
        } else if (upper.startsWith("COMMIT") || upper.startsWith("XA COMMIT")) {
            assembler.commit(null, at);
        } else if (upper.startsWith("ROLLBACK") || upper.startsWith("XA ROLLBACK")) {
            assembler.rollback(at);
        } else if (DdlStatements.isDdl(sql)) {
            List<String> tables = DdlStatements.affectedTables(sql, query.schema());
            resolver.invalidate(tables);
            assembler.ddl(query.schema(), sql, at);
        } else if (upper.startsWith("INSERT") || upper.startsWith("UPDATE") || upper.startsWith("DELETE")
                || upper.startsWith("REPLACE") || upper.startsWith("LOAD")) {
            statistics.event("STATEMENT_DML");
            String table = DdlStatements.dataChangeTable(sql, query.schema());
            if (table != null && !resolver.includes(table.substring(0, table.indexOf('.')),
                    table.substring(table.indexOf('.') + 1))) {
                return;
            }
            LOG.warn("{}:{}: a data change to {} was logged as a statement, not as rows (the session used"
                    + " binlog_format=STATEMENT or MIXED); its rows cannot be delivered", at.file(), at.position(),
                    table == null ? "an unknown table" : table);
        }
    }

    /**
     * The GTID state a MariaDB file starts from. A GTID_LIST that names a domain twice is refused, as parsing its
     * text always refused it: a position holds one GTID per domain.
     */
    private static MariaDbGtidList gtidList(MariaGtidListEvent event) {
        Set<Long> domains = new HashSet<>();
        for (MariaDbGtid gtid : event.gtids()) {
            if (!domains.add(gtid.domainId())) {
                throw new IllegalArgumentException("MariaDB GTID list '" + event.gtids().stream()
                        .map(Object::toString).collect(Collectors.joining(",")) + "' names domain "
                        + gtid.domainId() + " twice; a position holds one GTID per domain");
            }
        }
        return MariaDbGtidList.of(event.gtids());
    }
}
