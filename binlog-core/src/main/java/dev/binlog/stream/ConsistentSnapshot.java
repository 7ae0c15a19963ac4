package dev.binlog.stream;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.ConfigurationException;
import dev.binlog.GtidSet;
import dev.binlog.PositionNotFoundException;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.ServerErrorException;
import dev.binlog.ServerSettings;
import dev.binlog.SnapshotMarker;
import dev.binlog.protocol.PacketLimit;
import dev.binlog.protocol.ResultRow;
import dev.binlog.protocol.ServerConnection;
import dev.binlog.protocol.ServerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A point-in-time copy of tables and the binary log position it corresponds to, read in one transaction on a
 * connection of its own. MariaDB and Percona take the snapshot without a lock ({@code START TRANSACTION WITH CONSISTENT
 * SNAPSHOT} and the {@code binlog_snapshot_file}/{@code binlog_snapshot_position} of that transaction); MySQL holds
 * {@code FLUSH TABLES WITH READ LOCK} only while it starts the transaction and reads the position.
 */
final class ConsistentSnapshot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsistentSnapshot.class);

    private final ServerConnection connection;
    private final BinlogPosition position;
    private final List<SnapshotTable> tables;
    private final int chunkSize;
    private final PacketLimit rowLimit;
    private final Instant startedAt = Instant.now();
    private volatile SnapshotProgress progress;

    private ConsistentSnapshot(ServerConnection connection, BinlogPosition position, List<SnapshotTable> tables,
            int chunkSize, long maxRowBytes) {
        this.rowLimit = PacketLimit.snapshotRow(maxRowBytes);
        this.connection = connection;
        this.position = position;
        this.tables = tables;
        this.chunkSize = chunkSize;
        this.progress = new SnapshotProgress(position, tables.size(), 0, null, 0, 0,
                tables.stream().mapToLong(SnapshotTable::estimatedRows).sum(), Duration.ZERO, startedAt, null);
    }

    SnapshotProgress progress() {
        return progress;
    }

    /**
     * Connects, takes the snapshot and lists the tables to copy; nothing is copied yet.
     *
     * @param selected tables the snapshot copies (already narrowed to those the stream includes)
     * @throws ConfigurationException when a table has no primary key, or the lock MySQL needs is refused
     */
    static ConsistentSnapshot open(ServerSettings server, SnapshotSelection selected, int chunkSize,
            long maxRowBytes) {
        ServerConnection connection = ServerConnection.open(server);
        try {
            connection.query("SET SESSION time_zone = '+00:00'");
            connection.query("SET SESSION character_set_results = NULL");
            connection.query("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            BinlogPosition position = lockFree(connection) ? startWithoutLock(connection) : startLocked(connection);
            List<SnapshotTable> tables = SnapshotTables.read(connection, selected);
            LOG.info("Snapshot of {} table(s) on {} at {}", tables.size(), server.endpoint(), position);
            return new ConsistentSnapshot(connection, position, tables, chunkSize, maxRowBytes);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** MariaDB and Percona report the snapshot's own binary log position. */
    private static boolean lockFree(ServerConnection connection) {
        return !connection.query("SHOW STATUS LIKE 'binlog_snapshot_file'").isEmpty();
    }

    private static BinlogPosition startWithoutLock(ServerConnection connection) {
        connection.query("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        String file = null;
        long offset = -1;
        for (ResultRow row : connection.query("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            if (row.get(0).equalsIgnoreCase("binlog_snapshot_file")) {
                file = row.get(1);
            } else if (row.get(0).equalsIgnoreCase("binlog_snapshot_position")) {
                offset = Long.parseLong(row.get(1));
            }
        }
        if (file == null || file.isEmpty() || offset < 0) {
            throw new PositionNotFoundException("the server at " + connection.serverInfo().endpoint() + " reports no"
                    + " binlog_snapshot_file/position for the snapshot; is log_bin on?");
        }
        return new BinlogPosition(file, offset);
    }

    /** MySQL: the lock holds writes back only while the transaction starts and the position is read. */
    private static BinlogPosition startLocked(ServerConnection connection) {
        ServerInfo info = connection.serverInfo();
        try {
            connection.query("FLUSH TABLES WITH READ LOCK");
        } catch (ServerErrorException e) {
            throw new ConfigurationException("a consistent snapshot on " + info.endpoint() + " needs FLUSH TABLES WITH"
                    + " READ LOCK for a moment, which the server refused (" + e.getMessage() + "); grant the RELOAD"
                    + " privilege (hosted servers may not allow it), or copy the tables another way", e);
        }
        try {
            connection.query("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            String sql = info.atLeast(8, 2, 0) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
            List<ResultRow> rows = connection.query(sql);
            if (rows.isEmpty()) {
                throw new PositionNotFoundException(sql + " on " + info.endpoint() + " returned nothing; is log_bin"
                        + " on?");
            }
            ResultRow status = rows.get(0);
            String gtids = status.columns().size() > 4 ? status.get(4) : null;
            GtidSet executed = gtids == null || gtids.isBlank() ? null
                    : GtidSet.parse(gtids.replace("\n", "").replace("\r", ""));
            return new BinlogPosition(status.get(0), Long.parseLong(status.get(1)), executed);
        } finally {
            connection.query("UNLOCK TABLES");
        }
    }

    BinlogPosition position() {
        return position;
    }

    List<SnapshotTable> tables() {
        return tables;
    }

    /**
     * Reads every table in key order and hands each row to {@code listener} as a {@link ChangeType#READ} change,
     * between markers; stops between chunks once {@code stop} says so.
     *
     * @return rows copied
     */
    long copy(ChangeListener listener, boolean deliverRows, BooleanSupplier stop) throws Exception {
        listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.SNAPSHOT_STARTED, null, null, 0, tables.size(),
                position));
        long total = 0;
        for (SnapshotTable table : tables) {
            if (stop.getAsBoolean()) {
                return total;
            }
            progress = progress.copying(table.qualified());
            listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.TABLE_STARTED, table.schema(), table.table(),
                    0, tables.size(), position));
            long rows = copy(table, listener, deliverRows, stop);
            if (stop.getAsBoolean()) {
                return total;
            }
            total += rows;
            progress = progress.tableCopied();
            listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.TABLE_FINISHED, table.schema(), table.table(),
                    rows, tables.size(), position));
            LOG.info("Snapshot copied {} row(s) of {}", rows, table.qualified());
        }
        connection.query("COMMIT");
        progress = progress.done(Instant.now());
        listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.SNAPSHOT_FINISHED, null, null, total,
                tables.size(), position));
        return total;
    }

    private long copy(SnapshotTable table, ChangeListener listener, boolean deliverRows, BooleanSupplier stop)
            throws Exception {
        ColumnNames names = table.names();
        List<ColumnSchema> columns = table.columns();
        SnapshotValues.ValueReader[] readers = new SnapshotValues.ValueReader[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = SnapshotValues.reader(columns.get(i));
        }
        byte[][][] last = new byte[1][][];
        long[] rows = new long[1];
        String sql = KeysetQueries.first(table, chunkSize);
        while (true) {
            int[] inChunk = new int[1];
            long chunkStart = System.nanoTime();
            connection.queryRows(sql, rowLimit, raw -> {
                last[0] = raw;
                if (deliverRows) {
                    listener.onChange(change(table, names, readers, raw, inChunk[0]));
                }
                inChunk[0]++;
            });
            rows[0] += inChunk[0];
            progress = progress.chunk(table.qualified(), inChunk[0], Duration.ofNanos(System.nanoTime() - chunkStart));
            if (inChunk[0] < chunkSize || stop.getAsBoolean()) {
                return rows[0];
            }
            sql = KeysetQueries.after(table, last[0], chunkSize);
        }
    }

    private RowChange change(SnapshotTable table, ColumnNames names, SnapshotValues.ValueReader[] readers,
            byte[][] raw, int index) {
        Object[] values = new Object[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = raw[i] == null ? null : readers[i].read(raw[i]);
        }
        Row after = new Row(names, values, null);
        ChangeMetadata metadata = new ChangeMetadata(position.file(), position.position(), null, null, 0, startedAt,
                index, null, null, position);
        return new RowChange(ChangeType.READ, table.schema(), table.table(), null, after, Set.of(),
                new PrimaryKeyMap(names, table.keyIndexes(), after), metadata);
    }

    /** Ends the snapshot's transaction and connection; from another thread, this also stops a copy that is reading. */
    @Override
    public void close() {
        connection.close();
    }
}
