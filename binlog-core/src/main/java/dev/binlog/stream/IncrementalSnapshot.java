package dev.binlog.stream;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.ConfigurationException;
import dev.binlog.GtidSet;
import dev.binlog.GtidState;
import dev.binlog.MariaDbGtidList;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.ServerErrorException;
import dev.binlog.SnapshotCheckpoint;
import dev.binlog.SnapshotMarker;
import dev.binlog.TableFilter;
import dev.binlog.Transaction;
import dev.binlog.protocol.PacketLimit;
import dev.binlog.protocol.ResultRow;
import dev.binlog.protocol.ServerConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incremental snapshot (DBLog): reads one chunk at a time in key order while the stream flows, all on the
 * stream's thread, between transactions. Each chunk's window opens where the stream stands when its {@code SELECT}
 * runs, after a low watermark is committed (so everything the stream has received is visible to the {@code SELECT})
 * and closes at the high watermark written after it: a row the stream changes in the window is dropped from the chunk
 * ({@link SnapshotWindow}), the rest are delivered as {@link ChangeType#READ} changes when the stream reaches the high
 * watermark, and the progress is saved with that position ({@link SnapshotCheckpoint}). A table's largest key is fixed
 * when its copy starts; rows inserted above it come from the stream.
 */
final class IncrementalSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalSnapshot.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final int NO_SUCH_TABLE = 1146;

    private final ClientSettings settings;
    private final OwnTables ownTables;
    private final SignalTable signals;
    private final ChangeListener listener;
    private final PositionCommitter committer;
    private final Supplier<GtidState> streamGtids;
    private final Deque<Request> requests = new ConcurrentLinkedDeque<>();
    private final String run = newId();
    private ServerConnection connection;
    private String signalsCreated;

    private String id;
    private SnapshotWatermark watermark;
    private final Deque<String> tables = new ArrayDeque<>();
    private SnapshotTable current;
    private byte[][] lastKey;
    private byte[][] maxKey;
    private long rows;
    private long tableRows;
    private long chunkNumber;
    private boolean tableAnnounced;
    private boolean resumedUnannounced;
    private volatile boolean paused;
    private volatile boolean stopRequested;
    private SnapshotWindow window;
    private byte[][] windowLastKey;
    private boolean windowEndsTable;
    private long windowStartNanos;
    private GtidState windowHigh;
    private boolean windowClosed;
    private volatile SnapshotCheckpoint checkpoint;
    private volatile SnapshotProgress progress;

    IncrementalSnapshot(ClientSettings settings, OwnTables ownTables, ChangeListener listener,
            PositionCommitter committer, Supplier<GtidState> streamGtids) {
        this.settings = settings;
        this.ownTables = ownTables;
        this.signals = new SignalTable(settings.snapshot().signalTable());
        this.listener = listener;
        this.committer = committer;
        this.streamGtids = streamGtids;
    }

    /** A request for a snapshot, carried out at the next transaction boundary. */
    record Request(String id, TableFilter tables, SnapshotWatermark watermark) {
    }

    SignalTable signalTable() {
        return signals;
    }

    /**
     * Asks for a copy of the tables {@code tables} includes (of those the stream includes); from any thread, taken up
     * at the stream's next transaction boundary or heartbeat.
     */
    void request(Request request) {
        requests.add(request);
    }

    /** Goes on with the snapshot a saved position was taken in. */
    void resume(SnapshotCheckpoint saved, BinlogPosition at) {
        id = saved.id();
        watermark = SnapshotWatermark.valueOf(saved.watermark().toUpperCase(java.util.Locale.ROOT));
        tables.clear();
        tables.addAll(saved.tables());
        lastKey = saved.lastKey().isEmpty() ? null : decode(saved.lastKey());
        maxKey = saved.maxKey().isEmpty() ? null : decode(saved.maxKey());
        rows = saved.rows();
        checkpoint = saved;
        resumedUnannounced = true;
        progress = new SnapshotProgress(at.withSnapshot(null), tables.size(), 0, tables.peek(), rows, 0, 0,
                Duration.ZERO, Instant.now(), null);
        LOG.info("Resuming incremental snapshot {} at {} ({} table(s) left)", id, saved.table(), tables.size());
    }

    /** What a position saved now must carry, or {@code null} when no snapshot is in progress. */
    SnapshotCheckpoint checkpoint() {
        return checkpoint;
    }

    SnapshotProgress progress() {
        return progress;
    }

    boolean active() {
        return id != null;
    }

    String id() {
        return id;
    }

    /** A row inserted into the signal table, seen in the stream; acted on once its transaction is over. */
    void signal(SnapshotSignal signal) {
        switch (signal.type()) {
            case SignalTable.WINDOW_CLOSE -> {
                if (window != null && window.id().equals(signal.data())) {
                    windowClosed = true;
                }
            }
            case SnapshotSignal.EXECUTE -> {
                List<String> named = signal.tables();
                if (named.isEmpty()) {
                    LOG.error("Snapshot signal {} names no table; ignored (data: {})", signal.id(), signal.data());
                    return;
                }
                requests.add(new Request(signal.id(), TableFilter.builder().include(named.toArray(new String[0]))
                        .build(), settings.snapshot().watermark()));
            }
            case SnapshotSignal.PAUSE -> pause();
            case SnapshotSignal.RESUME -> resumeChunks();
            case SnapshotSignal.STOP -> stop();
            default -> {
                // the window-open watermark, or rows of the user's own
            }
        }
    }

    /** Reads no new chunk until resumed; nothing when no snapshot is in progress (the next one starts unpaused). */
    void pause() {
        if (checkpoint == null) {
            LOG.warn("A snapshot pause was asked for while no incremental snapshot is in progress; ignored");
            return;
        }
        paused = true;
    }

    void resumeChunks() {
        paused = false;
    }

    void stop() {
        if (checkpoint != null) {
            stopRequested = true;
        }
    }

    /** A change the stream delivers: one the open window holds is dropped from it. */
    void observe(RowChange change) {
        if (window != null && change.type() != ChangeType.READ) {
            window.observe(change);
        }
    }

    /** A DDL: a chunk read before it is read again, with the table's new columns. */
    void schemaChanged(SchemaChange change) {
        if (current == null) {
            return;
        }
        String table = current.qualified();
        if (change.affectedTables().isEmpty() || change.affectedTables().stream().anyMatch(t -> t.equalsIgnoreCase(table)
                || t.equalsIgnoreCase(current.schema() + ".*"))) {
            current = null;
            if (window != null) {
                LOG.info("{} changed while its chunk was read; reading the chunk again", table);
                window = null;
            }
        }
    }

    /** The replication connection was made again: a chunk in flight is read again, its watermark may be lost. */
    void reconnected() {
        window = null;
    }

    /**
     * Between transactions: delivers a chunk whose window closed, takes up requests, and reads the next chunk.
     *
     * @param at where the stream stands: after the last transaction (with its GTID state), or where it started
     */
    void between(BinlogPosition at, boolean closing) throws Exception {
        if (at == null || (window == null && id == null && requests.isEmpty() && !stopRequested)) {
            return;
        }
        if (resumedUnannounced && id != null) {
            // the markers start again, with the table in progress: a listener always sees them balanced
            resumedUnannounced = false;
            listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.SNAPSHOT_STARTED, null, null, rows,
                    tables.size(), at));
        }
        if (window != null && !windowClosed && windowHigh != null && reached(streamGtids.get(), windowHigh)) {
            windowClosed = true;
        }
        if (window != null && windowClosed) {
            deliver(at);
        }
        if (stopRequested) {
            stopNow(at);
        }
        while (!requests.isEmpty() && !closing) {
            begin(requests.poll(), at);
        }
        while (active() && window == null && !paused && !closing) {
            if (!readChunk(at)) {
                continue;
            }
            if (windowHigh != null && reached(streamGtids.get(), windowHigh)) {
                // nothing committed since the SELECT that the stream has not seen: deliver at once
                deliver(at);
                continue;
            }
            break;
        }
    }

    private void begin(Request request, BinlogPosition at) throws Exception {
        List<SnapshotTable> found;
        try {
            found = SnapshotTables.read(connection(), new SnapshotSelection(settings.filter(),
                    request.tables(), ownTables, signals, settings.snapshot()));
        } catch (ConfigurationException e) {
            LOG.error("Snapshot request {} refused: {}", request.id(), e.getMessage());
            return;
        }
        List<String> names = found.stream().map(SnapshotTable::qualified).toList();
        if (names.isEmpty()) {
            LOG.warn("Snapshot request {} ({}) matches no table the stream includes; nothing to copy", request.id(),
                    request.tables());
            return;
        }
        long estimated = found.stream().mapToLong(SnapshotTable::estimatedRows).sum();
        if (active()) {
            List<String> added = names.stream().filter(n -> !tables.contains(n)).toList();
            tables.addAll(added);
            progress = new SnapshotProgress(progress.position(), progress.tables() + added.size(),
                    progress.tablesCopied(), progress.table(), progress.rows(), progress.chunks(),
                    progress.estimatedRows() + estimated, progress.chunkTime(), progress.startedAt(), null);
            LOG.info("Snapshot request {}: {} more table(s) for snapshot {}", request.id(), added.size(), id);
        } else {
            id = request.id().matches("[A-Za-z0-9_-]{1,40}") ? request.id() : newId();
            paused = false;
            watermark = request.watermark();
            tables.addAll(names);
            rows = 0;
            progress = new SnapshotProgress(at, names.size(), 0, null, 0, 0, estimated, Duration.ZERO, Instant.now(),
                    null);
            LOG.info("Incremental snapshot {} of {} table(s) from {}", id, names.size(), at);
            listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.SNAPSHOT_STARTED, null, null, 0,
                    names.size(), at));
        }
        checkpoint = checkpointNow();
        // from here a restart goes on with this snapshot and this stream, whatever else is saved
        committer.delivered(at);
    }

    /**
     * Reads the next chunk of the table being copied and opens its window.
     *
     * @return whether a window is open; {@code false} when the table turned out to be done (empty or gone)
     */
    private boolean readChunk(BinlogPosition at) throws Exception {
        ServerConnection c = connection();
        if (current == null && !readDefinition(at)) {
            return false;
        }
        if (!tableAnnounced) {
            tableAnnounced = true;
            listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.TABLE_STARTED, current.schema(),
                    current.table(), 0, progress.tables(), at));
            progress = progress.copying(current.qualified());
        }
        if (maxKey == null) {
            byte[][][] max = new byte[1][][];
            c.queryRows(KeysetQueries.maxKey(current), PacketLimit.snapshotRow(settings.maxEventSize()),
                    raw -> max[0] = raw);
            if (max[0] == null) {
                finishTable(at);
                return false;
            }
            maxKey = max[0];
        }
        // unique to this run: a restarted client replays the windows its predecessor opened under the same snapshot id
        String windowId = run + "-" + (++chunkNumber);
        String qualifiedSignals = null;
        if (watermark == SnapshotWatermark.TABLE) {
            qualifiedSignals = signals.qualified(current.qualified());
            if (!qualifiedSignals.equals(signalsCreated)) {
                SignalTable.create(c, qualifiedSignals);
                signalsCreated = qualifiedSignals;
            }
            SignalTable.mark(c, qualifiedSignals, windowId, SignalTable.WINDOW_OPEN);
        } else if (streamGtids.get() == null) {
            throw new ConfigurationException("the gtid watermark of snapshot " + id + " needs the stream's GTID"
                    + " state, which is unknown here (" + at + "); start the stream from a GTID position or use the"
                    + " table watermark");
        }
        windowStartNanos = System.nanoTime();
        SnapshotWindow chunk = new SnapshotWindow(windowId, current.schema(), current.table(), keyNames(current));
        List<ColumnSchema> columns = current.columns();
        SnapshotValues.ValueReader[] readers = new SnapshotValues.ValueReader[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = SnapshotValues.reader(columns.get(i));
        }
        ColumnNames names = current.names();
        byte[][][] last = new byte[1][][];
        int[] count = new int[1];
        SnapshotTable table = current;
        try {
            c.queryRows(KeysetQueries.chunk(table, lastKey, maxKey, settings.snapshot().chunkSize()),
                    PacketLimit.snapshotRow(settings.maxEventSize()), raw -> {
                        last[0] = raw;
                        chunk.add(change(table, names, readers, raw, count[0]++, at));
                    });
        } catch (ServerErrorException e) {
            if (e.errorCode() == NO_SUCH_TABLE) {
                LOG.warn("{} was dropped during its snapshot; going on with the next table", table.qualified());
                finishTable(at);
                return false;
            }
            throw e;
        }
        if (count[0] == 0) {
            finishTable(at);
            return false;
        }
        window = chunk;
        windowLastKey = KeysetQueries.keyOf(table, last[0]);
        windowEndsTable = count[0] < settings.snapshot().chunkSize();
        windowClosed = false;
        windowHigh = null;
        if (watermark == SnapshotWatermark.TABLE) {
            SignalTable.mark(c, qualifiedSignals, windowId, SignalTable.WINDOW_CLOSE);
        } else {
            windowHigh = executedGtids(c);
        }
        return true;
    }

    private boolean readDefinition(BinlogPosition at) throws Exception {
        String name = tables.peek();
        List<SnapshotTable> found = SnapshotTables.read(connection(), new SnapshotSelection(
                settings.filter(), TableFilter.builder().include(name).build(), ownTables, signals,
                settings.snapshot()));
        current = found.stream().filter(t -> t.qualified().equals(name)).findFirst().orElse(null);
        if (current == null) {
            LOG.warn("{} no longer exists or is no longer streamed; its snapshot ends", name);
            finishTable(at);
            return false;
        }
        return true;
    }

    private void deliver(BinlogPosition at) throws Exception {
        SnapshotWindow closed = window;
        window = null;
        int count = closed.rows().size();
        if (count > 0 && settings.filter().includesType(ChangeType.READ)) {
            // one transaction of READ changes: the position is saved after its onCommit, as after any other
            Instant now = Instant.now();
            listener.onBegin(new Transaction(null, null, now, null, at, null, 0));
            for (RowChange row : closed.rows()) {
                listener.onChange(row);
            }
            listener.onCommit(new Transaction(null, null, now, now, at, at, count));
        }
        rows += count;
        tableRows += count;
        lastKey = windowLastKey;
        progress = progress.chunk(current.qualified(), count, Duration.ofNanos(System.nanoTime() - windowStartNanos));
        if (closed.dropped() > 0) {
            LOG.debug("Chunk {}: {} row(s) changed by the stream while it was read", closed.id(), closed.dropped());
        }
        if (windowEndsTable) {
            finishTable(at);
        } else {
            checkpoint = checkpointNow();
        }
        committer.delivered(at);
    }

    private void finishTable(BinlogPosition at) throws Exception {
        String done = tables.poll();
        int dot = done.indexOf('.');
        if (!tableAnnounced) {
            listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.TABLE_STARTED, done.substring(0, dot),
                    done.substring(dot + 1), 0, progress.tables(), at));
        }
        listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.TABLE_FINISHED, done.substring(0, dot),
                done.substring(dot + 1), tableRows, progress.tables(), at));
        LOG.info("Incremental snapshot {} copied {} row(s) of {}", id, tableRows, done);
        progress = progress.tableCopied();
        tableAnnounced = false;
        current = null;
        lastKey = null;
        maxKey = null;
        tableRows = 0;
        if (tables.isEmpty()) {
            listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.SNAPSHOT_FINISHED, null, null, rows,
                    progress.tables(), at));
            LOG.info("Incremental snapshot {} finished: {} row(s)", id, rows);
            progress = progress.done(Instant.now());
            clear();
        }
        checkpoint = checkpointNow();
    }

    private void stopNow(BinlogPosition at) throws Exception {
        stopRequested = false;
        if (!active()) {
            return;
        }
        LOG.info("Incremental snapshot {} stopped on request, {} table(s) not copied", id, tables.size());
        if (window != null || tableAnnounced) {
            String table = tables.peek();
            int dot = table.indexOf('.');
            listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.TABLE_FINISHED, table.substring(0, dot),
                    table.substring(dot + 1), tableRows, progress.tables(), at));
        }
        listener.onSnapshot(new SnapshotMarker(SnapshotMarker.Kind.SNAPSHOT_FINISHED, null, null, rows,
                progress.tables(), at));
        tableAnnounced = false;
        tableRows = 0;
        progress = progress.done(Instant.now());
        clear();
        checkpoint = null;
        committer.delivered(at);
    }

    private void clear() {
        id = null;
        tables.clear();
        current = null;
        window = null;
        lastKey = null;
        maxKey = null;
        paused = false;
    }

    private SnapshotCheckpoint checkpointNow() {
        if (!active()) {
            return null;
        }
        return new SnapshotCheckpoint(id, watermark.name().toLowerCase(java.util.Locale.ROOT), List.copyOf(tables),
                encode(lastKey), encode(maxKey), rows);
    }

    private RowChange change(SnapshotTable table, ColumnNames names, SnapshotValues.ValueReader[] readers,
            byte[][] raw, int index, BinlogPosition at) {
        Object[] values = new Object[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = raw[i] == null ? null : readers[i].read(raw[i]);
        }
        Row after = new Row(names, values, null);
        ChangeMetadata metadata = new ChangeMetadata(at.file(), at.position(), null, null, 0, Instant.now(), index,
                null, null, at);
        return new RowChange(ChangeType.READ, table.schema(), table.table(), null, after, Set.of(),
                new PrimaryKeyMap(names, table.keyIndexes(), after), metadata);
    }

    private static List<String> keyNames(SnapshotTable table) {
        List<String> names = new ArrayList<>();
        for (int key : table.keyIndexes()) {
            names.add(table.columns().get(key).name());
        }
        return names;
    }

    private ServerConnection connection() {
        if (connection == null || connection.isClosed()) {
            connection = ServerConnection.open(settings.server());
            connection.query("SET SESSION time_zone = '+00:00'");
            connection.query("SET SESSION character_set_results = NULL");
        }
        return connection;
    }

    private static GtidState executedGtids(ServerConnection c) {
        if (c.serverInfo().isMariaDb()) {
            List<ResultRow> rows = c.query("SELECT @@GLOBAL.gtid_binlog_pos");
            String text = rows.isEmpty() ? null : rows.get(0).get(0);
            return text == null || text.isBlank() ? MariaDbGtidList.empty() : MariaDbGtidList.parse(text);
        }
        List<ResultRow> rows = c.query("SELECT @@GLOBAL.gtid_executed");
        String text = rows.isEmpty() ? null : rows.get(0).get(0);
        return text == null || text.isBlank() ? GtidSet.empty()
                : GtidSet.parse(text.replace("\n", "").replace("\r", ""));
    }

    /** Whether the stream has passed every transaction of {@code high}. */
    static boolean reached(GtidState stream, GtidState high) {
        if (high.isEmpty()) {
            return true;
        }
        if (stream == null) {
            return false;
        }
        if (high instanceof GtidSet set) {
            return stream instanceof GtidSet seen && seen.contains(set);
        }
        return stream instanceof MariaDbGtidList seen && seen.notReached((MariaDbGtidList) high).isEmpty();
    }

    private static List<String> encode(byte[][] key) {
        if (key == null) {
            return List.of();
        }
        List<String> hex = new ArrayList<>(key.length);
        for (byte[] value : key) {
            hex.add(HEX.formatHex(value));
        }
        return hex;
    }

    private static byte[][] decode(List<String> hex) {
        byte[][] key = new byte[hex.size()][];
        for (int i = 0; i < key.length; i++) {
            key[i] = HEX.parseHex(hex.get(i));
        }
        return key;
    }

    /** A new snapshot id: unique enough to tell this client's windows from any left in the log by another. */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
