package dev.binlog.stream;

import dev.binlog.BinlogException;
import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ClientState;
import dev.binlog.ConfigurationException;
import dev.binlog.Lease;
import dev.binlog.PositionStore;
import dev.binlog.ProtocolException;
import dev.binlog.ServerErrorException;
import dev.binlog.ReconnectPolicy;
import dev.binlog.SchemaSource;
import dev.binlog.ServerDescription;
import dev.binlog.ServerSettings;
import dev.binlog.StartPosition;
import dev.binlog.StateListener;
import dev.binlog.StreamStatistics;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.event.decode.RowDecoding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the committed row changes of a MySQL or MariaDB server to a {@link ChangeListener}, in commit order, as a
 * replica would receive them; resumes from its {@link PositionStore} after a restart.
 *
 * <pre>{@code
 * BinlogClient client = BinlogClient.builder()
 *         .host("db.example.com").user("repl").password(secret)
 *         .filter(TableFilter.builder().include("shop.orders").build())
 *         .positionStore(PositionStore.file(Path.of("binlog.position")))
 *         .listener(change -> System.out.println(change.type() + " " + change.after()))
 *         .build();
 * Runtime.getRuntime().addShutdownHook(new Thread(client::close));
 * client.run(); // blocks until close() (here: Ctrl-C or SIGTERM); throws what stopped the stream
 * }</pre>
 *
 * <p>{@link #start()} returns at once and streams on a daemon thread, which does not keep the JVM alive: a
 * {@code main} that calls {@code start()} and returns ends the program. Such a program calls {@link #run()} instead,
 * or waits with {@link #awaitTermination}.
 */
public final class BinlogClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogClient.class);

    private final ClientSettings settings;
    private final List<ServerSettings> servers;
    private volatile ChangeStream stream;
    private boolean started;
    private int current;
    private volatile boolean closed;
    private volatile boolean failingOver;

    private BinlogClient(ClientSettings settings, ChangeListener listener, List<StateListener> stateListeners) {
        this.settings = settings;
        this.servers = settings.servers();
        List<StateListener> listeners = new ArrayList<>(stateListeners);
        if (servers.size() > 1) {
            listeners.add(this::failOverWhenUnreachable);
        }
        this.stream = new ChangeStream(settings, listener, List.copyOf(listeners));
    }

    /**
     * A stream that could not reach its server any more (the reconnect policy gave up) goes on at the next server of
     * {@link ClientSettings#failover}, resuming by its committed GTID state. Called on the stream's thread before it
     * ends; the move happens on a thread of its own.
     */
    private void failOverWhenUnreachable(ClientState previous, ClientState next, Throwable cause) {
        if (next != ClientState.FAILED || closed || !unreachable(cause)) {
            return;
        }
        failingOver = true;
        Thread mover = new Thread(() -> {
            synchronized (this) {
                try {
                    if (!closed) {
                        LOG.warn("{} cannot be reached ({}); going on at the next server", servers.get(current)
                                .endpoint(), cause.getMessage());
                        next();
                        startOnAnyServer();
                    }
                } catch (RuntimeException e) {
                    LOG.error("No server of {} could take the stream over: {}", endpoints(), e.getMessage());
                } finally {
                    failingOver = false;
                    notifyAll();
                }
            }
        }, "binlog-failover");
        mover.setDaemon(true);
        mover.start();
    }

    /** A network failure, or the reconnect policy giving up: not an answer the server gave. */
    private static boolean unreachable(Throwable cause) {
        return cause instanceof ProtocolException && !(cause instanceof ServerErrorException);
    }

    private void next() {
        current = (current + 1) % servers.size();
        stream = stream.successorOn(servers.get(current));
    }

    /** Starts the stream at the current server, and at the next ones while they cannot be reached. */
    private void startOnAnyServer() {
        RuntimeException first = null;
        for (int tried = 0; ; tried++) {
            try {
                stream.start();
                return;
            } catch (RuntimeException e) {
                if (!unreachable(e) || tried + 1 >= servers.size()) {
                    if (first != null && unreachable(e)) {
                        first.addSuppressed(e);
                        throw first;
                    }
                    throw e;
                }
                first = first == null ? e : first;
                LOG.warn("{} cannot be reached ({}); trying {}", servers.get(current).endpoint(), e.getMessage(),
                        servers.get((current + 1) % servers.size()).endpoint());
                next();
            }
        }
    }

    private String endpoints() {
        return String.join(", ", servers.stream().map(ServerSettings::endpoint).toList());
    }

    public static Builder builder() {
        return new Builder();
    }

    public ClientSettings settings() {
        return settings;
    }

    /**
     * Connects and starts streaming on a daemon thread of its own (which does not keep the JVM alive; see
     * {@link #run()}), and returns once streaming has begun. After the client stopped ({@link #close}, a failure),
     * starts it again from the committed position, or from the position given to {@link #startAt}. Does nothing while
     * it is running. Failures of the first connection are thrown here; later ones are reported by {@link #state()}
     * and {@link #lastError()}.
     *
     * @throws AuthenticationException   when the server refuses the login
     * @throws ConfigurationException    when the server's binary log settings or the account's grants do not allow
     *                                   streaming
     * @throws PositionNotFoundException when the start position is not on the server or not the start of a
     *                                   transaction
     * @throws ProtocolException         when the server cannot be reached (closed port, unknown host)
     */
    public synchronized void start() {
        ClientState state = stream.state();
        if (state == ClientState.STOPPED || state == ClientState.FAILED) {
            stream = stream.successor(null);
        } else if (state != ClientState.NEW) {
            return;
        }
        started = true;
        startOnAnyServer();
    }

    /**
     * Stops (letting the listener finish the transaction in flight for at most {@code drainTimeout}) and starts again
     * on a new connection, from the committed position. Counters go on from where they were.
     */
    public synchronized void restart(Duration drainTimeout) {
        if (started) {
            stream.close(drainTimeout);
        }
        start();
    }

    /**
     * Where the next {@link #start} begins, instead of the position store's last committed position; only while the
     * client is stopped (or not yet started). A file position is also saved to the position store at once, so it
     * holds even if the application restarts first; a GTID set, which the store cannot hold without a file, applies
     * to this client's next start.
     *
     * @throws IllegalStateException while the client is running
     */
    public synchronized void startAt(StartPosition position) {
        Objects.requireNonNull(position, "position");
        ClientState state = stream.state();
        if (state != ClientState.NEW && state != ClientState.STOPPED && state != ClientState.FAILED) {
            throw new IllegalStateException("the start position can only be changed while the client is stopped "
                    + "(it is " + state + "); stop it first");
        }
        if (position instanceof StartPosition.At at) {
            settings.positionStore().save(at.position());
        }
        stream = stream.successor(position);
    }

    /**
     * Starts as {@link #start()} does, then blocks the calling thread until the client stops. Returns normally when
     * the client is closed (by {@link #close()} from another thread, e.g. a shutdown hook) or, with
     * {@code stopAtEnd(true)}, when the end of the log is reached. A {@link #restart} from another thread does not end
     * it. If the calling thread is interrupted, the client is closed and {@code run} returns with the interrupt flag
     * set.
     *
     * @throws BinlogException the failure that stopped the stream: the one {@link #start()} throws, or a later one
     *                         (a lost connection after the reconnect attempts ran out, a listener that threw; a
     *                         listener's own exception is the cause of a {@link BinlogException})
     */
    public void run() {
        start();
        try {
            ChangeStream running = stream;
            while (true) {
                running.awaitTermination(Duration.ofMillis(Long.MAX_VALUE));
                synchronized (this) {
                    while (failingOver) {
                        wait(100);
                    }
                    if (stream == running || stream.state() == ClientState.NEW) {
                        break;
                    }
                    running = stream; // restarted: wait for the new stream
                }
            }
            if (running.state() == ClientState.FAILED) {
                throw asBinlogException(running.lastError());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private BinlogException asBinlogException(Throwable failure) {
        if (failure instanceof BinlogException binlog) {
            return binlog;
        }
        return new BinlogException("the binlog stream from " + settings.server().endpoint()
                + " stopped because the listener threw " + failure, failure);
    }

    /** Waits until the stream stops (closed, end of log in stop-at-end mode, or failed); true if it did in time. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return stream.awaitTermination(timeout);
    }

    /** Stops delivering after the current row; the connection stays open (or keeps reconnecting). */
    public void pause() {
        stream.pause();
    }

    public void resume() {
        stream.resume();
    }

    /**
     * Copies the tables {@code tables} names (patterns as {@link TableFilter.Builder#include} takes them, of those the
     * stream includes) incrementally while the stream flows: each row arrives as a {@link dev.binlog.ChangeType#READ}
     * change, between the stream's transactions, and no later change is overwritten by an older copied row. With the
     * table watermark (the default) the request is a row written to the signal table, taken up when the stream reads
     * it; a snapshot in progress takes the new tables on after its own. Progress is saved with the position, so a
     * restart goes on after the last chunk delivered.
     *
     * @throws ConfigurationException when a table has no primary key and no key is named for it, or nothing matches
     * @throws IllegalStateException  when the client is not streaming
     */
    public SnapshotHandle snapshot(String... tables) {
        if (tables.length == 0) {
            throw new IllegalArgumentException("name at least one table to snapshot");
        }
        ClientState state = stream.state();
        if (state != ClientState.STREAMING && state != ClientState.PAUSED && state != ClientState.RECONNECTING
                && state != ClientState.CONNECTING) {
            throw new IllegalStateException("a snapshot is asked of a running client; this one is " + state);
        }
        List<String> patterns = List.of(tables);
        return new SnapshotHandle(this, stream.requestSnapshot(patterns), patterns);
    }

    /**
     * The incremental snapshot in progress, however it was asked for (at start, by {@link #snapshot}, by a signal
     * row, or resumed after a restart); empty when none is.
     */
    public Optional<SnapshotHandle> runningSnapshot() {
        dev.binlog.SnapshotCheckpoint running = stream.incrementalSnapshot();
        return running == null ? Optional.empty()
                : Optional.of(new SnapshotHandle(this, running.id(), running.tables()));
    }

    ChangeStream stream() {
        return stream;
    }

    /** The progress of this client's snapshot while it copies, and after it finished; empty when it took none. */
    public Optional<SnapshotProgress> snapshotProgress() {
        return Optional.ofNullable(stream.snapshotProgress());
    }

    public ClientState state() {
        ClientState state = stream.state();
        // A stream set up by startAt after a stop has not started: the client is still stopped.
        return state == ClientState.NEW && started ? ClientState.STOPPED : state;
    }

    /** The error that stopped the stream, or that the last reconnect is recovering from. */
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(stream.lastError());
    }

    /** Position of the last event received, or empty before the first. */
    public Optional<BinlogPosition> currentPosition() {
        return Optional.ofNullable(stream.currentPosition());
    }

    /** Position of the last transaction the listener finished and the store saved. */
    public Optional<BinlogPosition> committedPosition() {
        return Optional.ofNullable(stream.committedPosition());
    }

    /** Seconds the listener is behind the server (event time vs. now, corrected for clock skew), or empty if unknown. */
    public Optional<Double> lagSeconds() {
        return Optional.ofNullable(stream.lagSeconds());
    }

    public Optional<ServerDescription> server() {
        return Optional.ofNullable(stream.server());
    }

    public StreamStatistics statistics() {
        return stream.statistics();
    }

    /** Stops reading, finishes the row in hand, disconnects, and joins the stream thread within a bounded time. */
    @Override
    public void close() {
        closed = true;
        stream.close();
    }

    /**
     * Graceful stop: lets the listener receive the rest of the transaction in flight and commits its position, waiting
     * at most {@code drainTimeout}, then closes as {@link #close()}. What was not delivered whole is delivered again at
     * the next start from the committed position. A paused client closes at once.
     */
    public void close(Duration drainTimeout) {
        closed = true;
        stream.close(drainTimeout);
    }

    /**
     * Builds a {@link BinlogClient}. Defaults: the server defaults of {@link ServerSettings#builder()} (port 3306, TLS
     * {@link TlsMode#PREFERRED}, connect timeout 10 s), start {@link StartPosition#latest()}, in-memory positions,
     * every table, schema source {@link SchemaSource#AUTO}, heartbeat 5 s (no event for 10 s means a dead
     * connection), {@link ReconnectPolicy#forever()} (back-off 1 s doubling to 60 s with jitter), server id chosen at
     * random in 1000000000–4294967295, a range administrators rarely give real replicas (set one explicitly when
     * several clients stream from one server).
     */
    public static final class Builder {
        private ServerSettings.Builder server = ServerSettings.builder();
        private Long serverId;
        private StartPosition startPosition = StartPosition.latest();
        private TableFilter filter = TableFilter.all();
        private PositionStore positionStore;
        private SchemaSource schemaSource = SchemaSource.AUTO;
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private ReconnectPolicy reconnect = ReconnectPolicy.forever();
        private boolean stopAtEnd;
        private boolean registerReplica;
        private RowDecoding rowDecoding = RowDecoding.EAGER;
        private SnapshotSettings snapshot = SnapshotSettings.never();
        private Lease lease = Lease.ALWAYS;
        private List<java.util.Map.Entry<String, Integer>> hosts = List.of();
        private boolean reconnectSet;
        private long maxEventSize = ClientSettings.DEFAULT_MAX_EVENT_SIZE;
        private ChangeListener listener;
        private final List<StateListener> stateListeners = new ArrayList<>();

        private Builder() {
        }

        /** All connection settings at once, replacing those set so far; the methods below then refine them. */
        public Builder server(ServerSettings value) {
            server = value.toBuilder();
            return this;
        }

        public Builder host(String value) {
            server.host(value);
            return this;
        }

        public Builder port(int value) {
            server.port(value);
            return this;
        }

        /**
         * Several servers of one replication topology ({@code host:port}, {@code host} for port 3306,
         * {@code [ipv6]:port}), in the order to try them: the client streams from the first it reaches, and when that
         * one cannot be reached any more (after the reconnect policy's attempts, 3 unless {@link #reconnect} says
         * otherwise) goes on at the next, resuming by its committed GTID state; a server that lacks GTIDs the client
         * already delivered is refused with a {@link dev.binlog.MissingGtidsException}. Replaces {@link #host} and
         * {@link #port}.
         */
        public Builder hosts(String... endpoints) {
            if (endpoints.length == 0) {
                throw new ConfigurationException("name at least one host");
            }
            hosts = new ArrayList<>();
            for (String endpoint : endpoints) {
                hosts.add(ServerSettings.parseEndpoint(endpoint));
            }
            server.host(hosts.get(0).getKey());
            server.port(hosts.get(0).getValue());
            return this;
        }

        public Builder user(String value) {
            server.user(value);
            return this;
        }

        public Builder password(String value) {
            server.password(value);
            return this;
        }

        /** See {@link ServerSettings.Builder#tlsMode}. */
        public Builder tlsMode(TlsMode value) {
            server.tlsMode(value);
            return this;
        }

        /** See {@link ServerSettings.Builder#tlsCaFile}. */
        public Builder tlsCaFile(Path value) {
            server.tlsCaFile(value);
            return this;
        }

        /** See {@link ServerSettings.Builder#tlsClientCertificate}. */
        public Builder tlsClientCertificate(Path certificateFile, Path keyFile) {
            server.tlsClientCertificate(certificateFile, keyFile);
            return this;
        }

        /** See {@link ServerSettings.Builder#tlsContext}. */
        public Builder tlsContext(SSLContext value) {
            server.tlsContext(value);
            return this;
        }

        public Builder connectTimeout(Duration value) {
            server.connectTimeout(value);
            return this;
        }

        /** This client's {@code server_id} as a replica; must differ from every other replica of the server. */
        public Builder serverId(long value) {
            serverId = value;
            return this;
        }

        /** Where to start when the position store has nothing saved. */
        public Builder startPosition(StartPosition value) {
            startPosition = value;
            return this;
        }

        public Builder filter(TableFilter value) {
            filter = value;
            return this;
        }

        public Builder positionStore(PositionStore value) {
            positionStore = value;
            return this;
        }

        public Builder schemaSource(SchemaSource value) {
            schemaSource = value;
            return this;
        }

        /** How often the server sends a heartbeat on an idle stream; twice this without any event means a dead link. */
        public Builder heartbeatInterval(Duration value) {
            heartbeatInterval = value;
            return this;
        }

        /** When to reconnect after a lost connection: {@link ReconnectPolicy#forever()} (default), never, n times. */
        public Builder reconnect(ReconnectPolicy value) {
            reconnect = Objects.requireNonNull(value, "reconnect");
            reconnectSet = true;
            return this;
        }

        /** Stop at the end of the server's current binary log instead of waiting for new events. */
        public Builder stopAtEnd(boolean value) {
            stopAtEnd = value;
            return this;
        }

        /**
         * Registers the client with the server as a replica ({@code COM_REGISTER_SLAVE}), so that administrators see
         * it in {@code SHOW REPLICA HOSTS} (MariaDB: {@code SHOW SLAVE HOSTS}); off by default.
         */
        public Builder registerReplica(boolean value) {
            registerReplica = value;
            return this;
        }

        /**
         * When column values are decoded: {@link RowDecoding#EAGER} (default) when the event is read, so that a value
         * that does not decode stops the stream before the listener sees its row; {@link RowDecoding#LAZY} the first
         * time a listener reads them, so a listener reading 3 of 50 columns decodes 3 (it keeps a copy of the event's
         * row bytes, and decoding every value costs more than eagerly: see BENCHMARKS.md).
         */
        public Builder rowDecoding(RowDecoding value) {
            rowDecoding = Objects.requireNonNull(value, "rowDecoding");
            return this;
        }

        /**
         * Copies the tables as they are before following the binary log (default {@link SnapshotSettings#never()}):
         * with {@link SnapshotMode#INITIAL}, when the position store holds nothing yet, the listener first receives
         * every row of the tables as a {@link dev.binlog.ChangeType#READ} change, then every change committed after
         * the copy's point in time; the filter must include {@code READ} among its change types (its default does).
         */
        public Builder snapshot(SnapshotSettings value) {
            snapshot = Objects.requireNonNull(value, "snapshot");
            return this;
        }

        /**
         * The largest binlog event the client accepts, in bytes: 1 GiB by default, from 1 KiB to 2047 MiB. A larger
         * event stops the stream with a {@link dev.binlog.ProtocolException} naming its position and this setting,
         * before any of it is buffered, so a server (or anything else listening on its port) cannot make the client
         * buffer more than this. Raise it only for a server that writes larger events (a row of several LONGBLOBs).
         */
        public Builder maxEventSize(long bytes) {
            maxEventSize = bytes;
            return this;
        }

        public Builder listener(ChangeListener value) {
            listener = value;
            return this;
        }

        /**
         * Asked before each event is handed on: once it says the lease is gone, the stream stops with a
         * {@link dev.binlog.FencedException} and delivers nothing more. For an elector that runs several instances
         * of which one streams (with a {@link dev.binlog.FencedPositionStore}); {@link Lease#ALWAYS} by default.
         */
        public Builder lease(Lease value) {
            lease = Objects.requireNonNull(value, "lease");
            return this;
        }

        public Builder stateListener(StateListener value) {
            stateListeners.add(Objects.requireNonNull(value));
            return this;
        }

        public BinlogClient build() {
            ServerSettings serverSettings = server.build();
            if (listener == null) {
                throw new ConfigurationException("no listener given: call listener(...) before build()");
            }
            List<ServerSettings> failover = new ArrayList<>();
            for (java.util.Map.Entry<String, Integer> other : hosts.subList(Math.min(1, hosts.size()), hosts.size())) {
                failover.add(serverSettings.withEndpoint(other.getKey(), other.getValue()));
            }
            // a policy that never gives up would never move on to the next server
            ReconnectPolicy perServer = failover.isEmpty() || reconnectSet ? reconnect : ReconnectPolicy.attempts(3);
            ClientSettings settings = new ClientSettings(serverSettings, serverId, startPosition, filter,
                    positionStore == null ? PositionStore.inMemory() : positionStore, schemaSource, heartbeatInterval,
                    perServer, stopAtEnd, registerReplica, rowDecoding, snapshot, maxEventSize, lease, failover);
            return new BinlogClient(settings, listener, List.copyOf(stateListeners));
        }
    }
}
