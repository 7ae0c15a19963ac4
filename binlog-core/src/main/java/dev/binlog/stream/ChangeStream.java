package dev.binlog.stream;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.ConfigurationException;
import dev.binlog.GtidState;
import dev.binlog.ServerDescription;
import dev.binlog.ServerSettings;
import dev.binlog.StartPosition;
import dev.binlog.StateListener;
import dev.binlog.StreamStatistics;
import dev.binlog.TableFilter;
import dev.binlog.client.RawEvent;
import dev.binlog.client.RawEventListener;
import dev.binlog.client.ReplicationClient;
import dev.binlog.client.ReplicationSettings;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.protocol.ServerInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine behind {@link dev.binlog.stream.BinlogClient}: the replication connection delivers raw events on its reader thread;
 * here they are decoded, routed through table resolution and transaction assembly to the listener, and committed
 * positions are saved. Everything runs on that one thread, so the listener sees changes in commit order and a slow
 * listener slows the reader instead of filling memory.
 */
final class ChangeStream {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);

    private final ClientSettings settings;
    private final List<StateListener> stateListeners;
    private final StatisticsCounter statistics;
    private final LagTracker lag = new LagTracker(Clock.systemUTC());
    private final PositionCommitter committer;
    private final TransactionAssembler assembler;
    private final SchemaConnections schemaConnection;
    private final TableResolver resolver;
    private final OwnTables ownTables = new OwnTables();
    private final DecoderContext decoderContext;
    private final EventDecoder decoder;
    private final EventDispatcher dispatcher;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch drained = new CountDownLatch(1);
    private final Object pauseLock = new Object();
    private final Object stateLock = new Object();

    private volatile ClientState state = ClientState.NEW;
    private volatile boolean paused;
    private volatile Throwable lastError;
    private volatile BinlogPosition currentPosition;
    private volatile ServerDescription server;
    private volatile ReplicationClient client;
    private GtidState savedGtids;
    private volatile boolean preloadSchemas;
    private volatile boolean midTransaction;
    private volatile boolean draining;
    private volatile ConsistentSnapshot snapshot;
    private volatile ConsistentSnapshot lastSnapshot;
    private final IncrementalSnapshot incremental;
    private final ChangeListener snapshotListener;

    private final ChangeListener listener;
    private final StartPosition override;

    public ChangeStream(ClientSettings settings, ChangeListener listener, List<StateListener> stateListeners) {
        this(settings, listener, stateListeners, new StatisticsCounter(), null);
    }

    private ChangeStream(ClientSettings settings, ChangeListener listener, List<StateListener> stateListeners,
            StatisticsCounter statistics, StartPosition override) {
        this.settings = settings;
        this.listener = listener;
        this.statistics = statistics;
        this.override = override;
        this.stateListeners = List.copyOf(stateListeners);
        ServerSettings connection = settings.server();
        this.committer = new PositionCommitter(settings.positionStore(), statistics);
        ChangeListener leased = settings.lease() == dev.binlog.Lease.ALWAYS ? listener
                : new LeaseCheckingListener(listener, settings.lease(), settings.server().endpoint());
        this.snapshotListener = leased;
        this.incremental = new IncrementalSnapshot(settings, ownTables, leased, committer, this::streamGtids);
        this.committer.snapshot(incremental::checkpoint);
        this.assembler = new TransactionAssembler(new SnapshotAwareListener(listener, incremental), settings.filter(),
                committer, statistics, lag);
        this.schemaConnection = SchemaConnections.open(connection);
        this.resolver = new TableResolver(settings.filter(), ownTables, settings.schemaSource(),
                new InformationSchemaReader(schemaConnection));
        this.resolver.signals(incremental.signalTable());
        this.decoderContext = new DecoderContext(connection.endpoint());
        this.decoderContext.rowDecoding(settings.rowDecoding());
        this.decoderContext.rowFilter(resolver::includes);
        this.decoder = new EventDecoder(decoderContext);
        this.dispatcher = new EventDispatcher(assembler, resolver, ownTables, decoderContext, statistics, lag, null);
        this.dispatcher.signals(incremental.signalTable(), incremental::signal);
    }

    /**
     * A new, unstarted stream for the same settings and listeners that goes on counting where this one's statistics
     * are; it starts at {@code startAt} when given, else where the position store says.
     */
    public ChangeStream successor(StartPosition startAt) {
        return new ChangeStream(settings, listener, stateListeners, statistics, startAt);
    }

    /** The GTID state the stream has passed, for the incremental snapshot's gtid watermark. */
    private GtidState streamGtids() {
        return assembler.gtidTracker().current();
    }

    /** As {@link #successor}, on another server of the topology, resuming where the position store says. */
    public ChangeStream successorOn(ServerSettings server) {
        return new ChangeStream(settings.on(server), listener, stateListeners, statistics, null);
    }

    public synchronized void start() {
        if (state != ClientState.NEW) {
            throw new IllegalStateException("a stream starts once; ask for its successor to start again");
        }
        if (override != null) {
            ownTables.of(settings.positionStore());
            start(null, override);
            return;
        }
        BinlogPosition saved = settings.positionStore().load().orElse(null);
        ownTables.of(settings.positionStore());
        SnapshotSettings snapshotSettings = settings.snapshot();
        if (snapshotNeeded(saved)) {
            if (snapshotSettings.kind() == SnapshotKind.CONSISTENT) {
                startSnapshot();
                return;
            }
            if (settings.stopAtEnd()) {
                throw new ConfigurationException("an incremental snapshot runs while the stream flows, and this"
                        + " stream stops at the end of the binary log (stopAtEnd): copy consistently instead");
            }
            if (snapshotSettings.mode() == SnapshotMode.INITIAL_ONLY) {
                throw new ConfigurationException("an initial-only snapshot copies consistently and stops; an"
                        + " incremental one runs while the stream flows: use initial or when-needed with it");
            }
            IncrementalSnapshot.Request request = new IncrementalSnapshot.Request(IncrementalSnapshot.newId(),
                    snapshotSettings.tables(), snapshotSettings.watermark());
            checkRequest(request);
            incremental.request(request);
            // nothing saved: the configured start; a purged position: today's end, the copy brings the rest
            start(null, saved == null ? settings.startPosition() : StartPosition.latest());
            return;
        }
        if (saved != null && saved.snapshot() != null) {
            incremental.resume(saved.snapshot(), saved);
        }
        start(saved, settings.startPosition());
    }

    /**
     * Refuses, before anything is written, a request whose tables cannot be copied (no primary key and no key named)
     * or that matches no table.
     */
    /** @return the first table it copies ({@code schema.table}), in whose schema a bare signal table lives */
    private String checkRequest(IncrementalSnapshot.Request request) {
        try (dev.binlog.protocol.ServerConnection check = dev.binlog.protocol.ServerConnection.open(settings.server())) {
            List<SnapshotTable> tables = SnapshotTables.read(check, new SnapshotSelection(
                    settings.filter(), request.tables(), ownTables, incremental.signalTable(), settings.snapshot()));
            if (tables.isEmpty()) {
                throw new ConfigurationException("the snapshot's tables (" + (request.tables() == null ? "those the"
                        + " stream includes" : request.tables()) + ") match no table of " + endpoint()
                        + " that the stream includes");
            }
            if (request.watermark() == SnapshotWatermark.TABLE) {
                SignalTable.create(check, incremental.signalTable().qualified(tables.get(0).qualified()));
            }
            return tables.get(0).qualified();
        }
    }

    /**
     * Asks the running stream for an incremental snapshot of the tables {@code tables} includes; checked here, carried
     * out on the stream's thread.
     */
    public String requestSnapshot(List<String> patterns) {
        if (settings.stopAtEnd()) {
            throw new ConfigurationException("an incremental snapshot runs while the stream flows, and this stream"
                    + " stops at the end of the binary log (stopAtEnd)");
        }
        SnapshotWatermark watermark = settings.snapshot().watermark();
        TableFilter tables = TableFilter.builder().include(patterns.toArray(new String[0])).build();
        IncrementalSnapshot.Request request = new IncrementalSnapshot.Request(IncrementalSnapshot.newId(), tables,
                watermark);
        String first = checkRequest(request);
        if (watermark == SnapshotWatermark.GTID) {
            incremental.request(request);
            return request.id();
        }
        signal(request.id(), SnapshotSignal.EXECUTE, "{\"data-collections\":[" + String.join(",",
                patterns.stream().map(t -> "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                        .toList()) + "],\"type\":\"incremental\"}", first);
        return request.id();
    }

    /** Pauses, resumes or stops the incremental snapshot in progress: as a signal row, so any instance sees it. */
    public void controlSnapshot(String type) {
        if (incremental.checkpoint() == null) {
            throw new IllegalStateException("no incremental snapshot is in progress on " + endpoint());
        }
        if (settings.snapshot().watermark() == SnapshotWatermark.GTID) {
            switch (type) {
                case SnapshotSignal.PAUSE -> incremental.pause();
                case SnapshotSignal.RESUME -> incremental.resumeChunks();
                default -> incremental.stop();
            }
            return;
        }
        dev.binlog.SnapshotCheckpoint running = incremental.checkpoint();
        signal(IncrementalSnapshot.newId(), type, running.id(), running.table());
    }

    /** A request row in the signal table; a bare one lives in the schema of {@code firstTable}. */
    private void signal(String id, String type, String data, String firstTable) {
        try (dev.binlog.protocol.ServerConnection connection = dev.binlog.protocol.ServerConnection.open(
                settings.server())) {
            String qualified = incremental.signalTable().qualified(firstTable);
            SignalTable.create(connection, qualified);
            SignalTable.request(connection, qualified, id, type, data);
        }
    }

    private boolean snapshotNeeded(BinlogPosition saved) {
        return switch (settings.snapshot().mode()) {
            case NEVER -> false;
            case INITIAL, INITIAL_ONLY -> saved == null;
            case WHEN_NEEDED -> saved == null || purged(saved);
        };
    }

    private boolean purged(BinlogPosition saved) {
        for (String[] log : schemaConnection.query("SHOW BINARY LOGS")) {
            if (log[0].equals(saved.file())) {
                return false;
            }
        }
        LOG.warn("The saved position {} is no longer on {} (purged); copying the tables again", saved, endpoint());
        return true;
    }

    /**
     * Takes the snapshot here, so that a refused lock, a table without a key or a failed login is thrown by start;
     * copies on a thread of its own, then streams from the snapshot's position.
     */
    private void startSnapshot() {
        changeState(ClientState.CONNECTING, null);
        ConsistentSnapshot taken;
        try {
            taken = ConsistentSnapshot.open(settings.server(), new SnapshotSelection(
                    settings.filter(), settings.snapshot().tables(), ownTables, incremental.signalTable(),
                    settings.snapshot()),
                    settings.snapshot().chunkSize(),
                    settings.maxEventSize());
        } catch (RuntimeException e) {
            lastError = e;
            schemaConnection.close();
            changeState(ClientState.FAILED, e);
            terminated.countDown();
            throw e;
        }
        snapshot = taken;
        lastSnapshot = taken;
        currentPosition = taken.position();
        changeState(ClientState.SNAPSHOTTING, null);
        Thread copier = new Thread(() -> copy(taken), "binlog-snapshot " + endpoint());
        copier.setDaemon(true);
        copier.start();
    }

    private void copy(ConsistentSnapshot taken) {
        try {
            taken.copy(snapshotListener, settings.filter().includesType(ChangeType.READ), () -> draining);
        } catch (Throwable e) {
            taken.close();
            snapshot = null;
            endSnapshot(draining ? null : e);
            return;
        }
        taken.close();
        snapshot = null;
        // a close() from now on sees no snapshot: it finds the client start() creates, or start() sees draining
        if (draining) {
            endSnapshot(null);
            return;
        }
        committer.delivered(taken.position());
        if (settings.snapshot().mode() == SnapshotMode.INITIAL_ONLY) {
            endSnapshot(null);
            return;
        }
        try {
            start(taken.position(), settings.startPosition());
        } catch (RuntimeException e) {
            // start() has reported it: the stream is FAILED
        }
    }

    private void endSnapshot(Throwable failure) {
        schemaConnection.close();
        if (failure != null) {
            lastError = failure;
            LOG.error("Snapshot of {} stopped: {}", endpoint(), failure.getMessage());
            changeState(ClientState.FAILED, failure);
        } else {
            changeState(ClientState.STOPPED, null);
        }
        terminated.countDown();
    }

    private void start(BinlogPosition saved, StartPosition configured) {
        // a saved position resumes at its file and offset on the server that wrote it, elsewhere by its GTID state
        StartPosition start;
        try {
            BinlogPosition resume = saved != null ? saved
                    : configured instanceof StartPosition.At at && at.position().gtidState() != null ? at.position()
                    : null;
            start = resume != null ? ResumePoints.of(resume, schemaConnection, endpoint()) : configured;
        } catch (RuntimeException e) {
            schemaConnection.close();
            lastError = e;
            changeState(ClientState.FAILED, e);
            terminated.countDown();
            throw e;
        }
        if (saved != null) {
            LOG.info("Resuming {} after the last committed transaction, at {}", endpoint(), saved);
        }
        ReplicationSettings.Builder replication = ReplicationSettings.builder()
                .startPosition(start)
                .heartbeatPeriod(settings.heartbeatInterval())
                .nonBlocking(settings.stopAtEnd())
                .registerReplica(settings.registerReplica())
                .reconnect(settings.reconnect())
                .maxEventSize(settings.maxEventSize());
        if (settings.serverId() != null) {
            replication.serverId(settings.serverId());
        }
        savedGtids = saved == null ? gtidState(configured) : saved.gtidState();
        // Starting at the end of the log, today's definitions are exactly those of the next rows.
        preloadSchemas = saved == null && configured instanceof StartPosition.Latest;
        changeState(ClientState.CONNECTING, null);
        client = new ReplicationClient(settings.server(), replication.build(),
                new Events());
        try {
            client.start();
            if (draining) {
                // closed while starting, before close() could see this client: stop it here
                client.close();
            }
        } catch (RuntimeException | Error e) {
            // No reader thread was started: the stream is over, so a close need not wait and a start may try again.
            client = null;
            schemaConnection.close();
            if (draining && e instanceof RuntimeException) {
                // close() cut the start short: a stop, not a failure
                changeState(ClientState.STOPPED, null);
                terminated.countDown();
                return;
            }
            lastError = e;
            changeState(ClientState.FAILED, e);
            terminated.countDown();
            throw e;
        }
    }

    private static GtidState gtidState(StartPosition start) {
        if (start instanceof StartPosition.At at) {
            return at.position().gtidState();
        }
        return start instanceof StartPosition.Gtid gtid ? gtid.state() : null;
    }

    /** The listener side of the replication connection; all on its reader thread. */
    private final class Events implements RawEventListener {

        private String decodedFile;

        @Override
        public void onConnect(ServerInfo info) {
            if (assembler.gtidTracker() == GtidTracker.NONE) {
                GtidTracker tracker = info.isMariaDb() ? new MariaDbGtidTracker() : new MySqlGtidTracker();
                if (savedGtids != null) {
                    tracker.known(savedGtids);
                } else if (info.isMariaDb()) {
                    knownAtStart(tracker);
                }
                assembler.gtidTracker(tracker);
            }
            server = ServerDescriptions.describe(schemaConnection, settings.server().host(), settings.server().port(), info, lag);
            if (preloadSchemas) {
                preloadSchemas = false;
                try {
                    resolver.preload();
                } catch (RuntimeException e) {
                    LOG.warn("Could not read table definitions from {} at start ({}); they are read on first use",
                            endpoint(), e.getMessage());
                }
            }
            if (currentPosition == null) {
                client.position().ifPresent(start -> currentPosition = new BinlogPosition(start.file(),
                        start.position()));
            }
            client.position().ifPresent(start -> assembler.startedAt(new BinlogPosition(start.file(),
                    start.position(), assembler.gtidTracker().current())));
            incremental.reconnected();
            changeState(paused ? ClientState.PAUSED : ClientState.STREAMING, null);
        }

        /**
         * MariaDB names the GTID state at any offset of its binary log: with it, a stream started at a file position
         * saves positions that carry their GTIDs, and the gtid watermark knows how far the stream is.
         */
        private void knownAtStart(GtidTracker tracker) {
            client.position().ifPresent(start -> {
                try {
                    String text = ResumePoints.mariaDbStateAt(schemaConnection, start.file(), start.position());
                    if (text != null) {
                        tracker.known(text.isBlank() ? dev.binlog.MariaDbGtidList.empty()
                                : dev.binlog.MariaDbGtidList.parse(text));
                    }
                } catch (RuntimeException e) {
                    LOG.debug("No GTID state for the start {} on {}: {}", start, endpoint(), e.getMessage());
                }
            });
        }

        @Override
        public void onEvent(RawEvent raw) throws Exception {
            if (draining && !midTransaction) {
                // Closing: nothing after the last whole transaction is delivered; the next start reads it again.
                drained.countDown();
                return;
            }
            awaitResume();
            if (!settings.lease().held()) {
                throw new dev.binlog.FencedException("the lease of this instance on " + endpoint() + " ran out (another"
                        + " instance may stream now); stopped before the event at " + raw.binlogFile() + ":"
                        + raw.position() + ", nothing more is delivered");
            }
            if (!raw.binlogFile().equals(decodedFile)) {
                // decode errors then name the file as well as the server and the offset
                decodedFile = raw.binlogFile();
                decoderContext.source(endpoint() + " " + decodedFile);
            }
            BinlogEvent event = decoder.decode(raw.buffer(), raw.offset(), raw.length(), raw.position(),
                    raw.checksummed());
            if (dispatcher.file() == null || !dispatcher.file().equals(raw.binlogFile())) {
                dispatcher.file(raw.binlogFile());
            }
            dispatcher.dispatch(event);
            if (!raw.isDumpPreamble()) {
                currentPosition = new BinlogPosition(raw.binlogFile(), raw.position() + raw.length());
            }
            midTransaction = dispatcher.inTransaction();
            if (!midTransaction) {
                incremental.between(assembler.lastFinished(), draining);
            }
            if (draining && !midTransaction) {
                drained.countDown();
            }
        }

        @Override
        public void onHeartbeat(String binlogFile, long position) throws Exception {
            lag.caughtUp();
            if (!midTransaction) {
                incremental.between(assembler.lastFinished(), draining);
            }
        }

        @Override
        public void onDisconnect(Throwable cause) {
            statistics.reconnect();
            lastError = cause;
            LOG.warn("Lost the replication connection to {} ({}); reconnecting", endpoint(), cause.toString());
            changeState(ClientState.RECONNECTING, cause);
        }

        @Override
        public void onStop(Throwable failure) {
            try {
                committer.flush();
            } catch (RuntimeException e) {
                LOG.warn("Could not save the last position at stop: {}", e.getMessage());
            }
            incremental.close();
            schemaConnection.close();
            if (failure != null) {
                lastError = failure;
                LOG.error("Binlog stream from {} stopped: {}", endpoint(), failure.getMessage());
                changeState(ClientState.FAILED, failure);
            } else {
                changeState(ClientState.STOPPED, null);
            }
            terminated.countDown();
        }
    }

    private void awaitResume() throws InterruptedException {
        if (!paused) {
            return;
        }
        synchronized (pauseLock) {
            while (paused && state != ClientState.STOPPED) {
                pauseLock.wait(1000);
            }
        }
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void pause() {
        paused = true;
        changeState(ClientState.PAUSED, null);
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
        ReplicationClient c = client;
        changeState(c != null && c.isConnected() ? ClientState.STREAMING : ClientState.RECONNECTING, null);
    }

    public ClientState state() {
        return state;
    }

    public SnapshotProgress snapshotProgress() {
        SnapshotProgress copying = incremental.progress();
        if (copying != null) {
            return copying;
        }
        ConsistentSnapshot taken = lastSnapshot;
        return taken == null ? null : taken.progress();
    }

    /** Where the incremental snapshot in progress stands, or {@code null}. */
    public dev.binlog.SnapshotCheckpoint incrementalSnapshot() {
        return incremental.checkpoint();
    }

    public Throwable lastError() {
        return lastError;
    }

    public BinlogPosition currentPosition() {
        return currentPosition;
    }

    public BinlogPosition committedPosition() {
        return committer.committed();
    }

    public Double lagSeconds() {
        return lag.lagSeconds();
    }

    public ServerDescription server() {
        return server;
    }

    public StreamStatistics statistics() {
        return statistics.snapshot();
    }

    /**
     * Lets the listener finish the transaction in flight (its position is then committed) for at most
     * {@code drainTimeout}, then closes. A paused stream, or one between transactions, closes at once.
     */
    public void close(Duration drainTimeout) {
        draining = true;
        if (client != null && !paused && midTransaction && state != ClientState.STOPPED
                && state != ClientState.FAILED) {
            try {
                if (!drained.await(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("The transaction in flight did not finish within {} ms; the next start delivers it again "
                            + "from {}", drainTimeout.toMillis(), committer.latest());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    public void close() {
        // no lock: a start() in progress holds this stream's monitor, and closing must cut it short (see start)
        draining = true;
        ReplicationClient c = client;
        ConsistentSnapshot copying = snapshot;
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
        if (copying != null) {
            copying.close();
            awaitStop();
            return;
        }
        if (c == null) {
            changeState(ClientState.STOPPED, null);
            terminated.countDown();
            return;
        }
        c.close();
        awaitStop();
    }

    private void awaitStop() {
        try {
            if (!terminated.await(10, TimeUnit.SECONDS)) {
                LOG.warn("The binlog stream thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String endpoint() {
        return settings.server().endpoint();
    }

    /**
     * Under a lock of its own, not this stream's monitor: {@link #start()} holds that while it closes a client that
     * a close() cut short, and the client's reader thread, reporting its connection, must not wait for it.
     */
    private void changeState(ClientState next, Throwable cause) {
        synchronized (stateLock) {
            changeStateLocked(next, cause);
        }
    }

    private void changeStateLocked(ClientState next, Throwable cause) {
        ClientState previous = state;
        if (previous == next || previous == ClientState.FAILED || previous == ClientState.STOPPED) {
            return;
        }
        if (paused && next == ClientState.STREAMING) {
            next = ClientState.PAUSED;
        }
        state = next;
        for (StateListener listener : stateListeners) {
            try {
                listener.onStateChange(previous, next, cause);
            } catch (RuntimeException e) {
                LOG.warn("State listener {} failed: {}", listener, e.toString());
            }
        }
    }
}
