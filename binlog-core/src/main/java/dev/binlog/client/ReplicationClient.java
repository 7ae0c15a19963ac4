package dev.binlog.client;

import dev.binlog.BinlogException;
import dev.binlog.BinlogPosition;
import dev.binlog.ProtocolException;
import dev.binlog.ReconnectPolicy;
import dev.binlog.ServerSettings;
import dev.binlog.StartPosition;
import dev.binlog.protocol.ServerConnection;
import dev.binlog.protocol.ServerInfo;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a server's binary log to a {@link RawEventListener}: one reader thread (a daemon thread named
 * {@code binlog-reader-host:port}), events in order and exactly once, reconnecting with back-off after network
 * faults and resuming where delivery stopped. Authentication, configuration and purged-position errors are not
 * retried: the client stops and reports them through {@link RawEventListener#onStop} and {@link #failure()}.
 *
 * <pre>{@code
 * try (ReplicationClient client = new ReplicationClient(connection, replication, event -> ...)) {
 *     client.start();
 *     ...
 * }
 * }</pre>
 */
public final class ReplicationClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationClient.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ServerSettings connectionSettings;
    private final ReplicationSettings settings;
    private final RawEventListener listener;
    private final UUID replicaUuid = UUID.randomUUID();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lock = new Object();

    private PositionTracker tracker;
    private StartPosition start;
    private ReplicationStream stream;
    private Thread reader;
    private volatile boolean closing;
    /** The connection a start or reconnect is logging in or querying on, which close() cuts without the lock. */
    private volatile ServerConnection opening;
    private volatile boolean connected;
    private volatile Throwable failure;
    private volatile ServerInfo serverInfo;

    public ReplicationClient(ServerSettings connection, ReplicationSettings replication,
            RawEventListener listener) {
        this.connectionSettings = Objects.requireNonNull(connection, "connection");
        this.settings = Objects.requireNonNull(replication, "replication");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Connects, checks the server (see the preflight in the package docs), requests the dump and starts the reader
     * thread. Errors of the first connection are thrown here: {@link dev.binlog.AuthenticationException},
     * {@link dev.binlog.ConfigurationException}, {@link dev.binlog.PositionNotFoundException}, or a retryable
     * {@link dev.binlog.ProtocolException} when the server cannot be reached.
     *
     * @throws IllegalStateException when called twice
     */
    public void start() {
        synchronized (lock) {
            if (reader != null || closing) {
                throw new IllegalStateException("a ReplicationClient starts once; create a new one");
            }
            try (ServerConnection connection = ServerConnection.open(connectionSettings)) {
                opening = connection;
                abortIfClosing(connection);
                Preflight.check(connection, settings);
                start = StartPositionResolver.resolve(connection, connectionSettings, settings, replicaUuid);
            } finally {
                opening = null;
            }
            tracker = new PositionTracker(start, connectionSettings.endpoint());
            stream = connect();
            reader = new Thread(this::readLoop, "binlog-reader-" + connectionSettings.endpoint());
            reader.setDaemon(true);
            reader.start();
        }
    }

    private ReplicationStream connect() {
        BinlogPosition resume = tracker.resume();
        StartPosition from = resume != null ? new StartPosition.At(resume) : start;
        ReplicationStream opened;
        try {
            opened = ReplicationStream.open(connectionSettings, settings, from, settings.nonBlocking(), replicaUuid,
                    tracker::next, connection -> {
                        opening = connection;
                        abortIfClosing(connection);
                    });
        } finally {
            opening = null;
        }
        tracker.connected(opened.checksumOn());
        serverInfo = opened.serverInfo();
        connected = true;
        LOG.info("streaming binlog from {} starting at {}", connectionSettings.endpoint(),
                ReplicationStream.describe(from));
        listener.onConnect(opened.serverInfo());
        return opened;
    }

    private void readLoop() {
        Throwable end = null;
        try {
            ReplicationStream current = stream;
            while (!closing) {
                try {
                    if (!pump(current)) {
                        break; // end of a non-blocking dump
                    }
                } catch (BinlogException e) {
                    connected = false;
                    current.close();
                    if (closing) {
                        break;
                    }
                    if (!e.retryable()) {
                        throw e; // no "reconnecting" for what a reconnect cannot fix
                    }
                    listener.onDisconnect(e);
                    current = reconnect(e);
                    if (current == null) {
                        break;
                    }
                }
            }
        } catch (ListenerFailure e) {
            end = e.getCause();
            LOG.error("the event listener failed at {}; replication stopped", tracker.next(), e.getCause());
        } catch (Throwable e) {
            end = e;
            LOG.error("replication from {} stopped: {}", connectionSettings.endpoint(), e.getMessage());
        } finally {
            connected = false;
            synchronized (lock) {
                if (stream != null) {
                    stream.close();
                }
            }
            failure = end;
            stopped.countDown();
            listener.onStop(end);
        }
    }

    /** Reads and delivers events until the stream ends (false) or fails (exception). */
    private boolean pump(ReplicationStream current) {
        while (!closing) {
            if (!current.next()) {
                return false;
            }
            byte[] buffer = current.buffer();
            int length = current.eventLength();
            // before any field of the event is read: a lying length would make positions and names of other bytes
            EventChecks.frame(buffer, 1, length, connectionSettings.endpoint(), tracker.at());
            int type = EventHeader.type(buffer, 1);
            if (type == EventHeader.HEARTBEAT || type == EventHeader.HEARTBEAT_V2) {
                try {
                    listener.onHeartbeat(tracker.file(), EventHeader.nextPosition(buffer, 1));
                } catch (Exception | Error e) {
                    throw new ListenerFailure(e);
                }
                continue;
            }
            RawEvent event = tracker.accept(buffer, 1, length);
            if (event == null) {
                continue;
            }
            try {
                listener.onEvent(event);
            } catch (Exception | Error e) {
                throw new ListenerFailure(e);
            }
            tracker.delivered(event);
        }
        return true;
    }

    private ReplicationStream reconnect(BinlogException cause) {
        ReconnectPolicy policy = settings.reconnect();
        int attempt = 0;
        BinlogException last = cause;
        while (!closing) {
            attempt++;
            if (!policy.allows(attempt)) {
                if (attempt == 1) {
                    throw cause; // ReconnectPolicy.never(): the lost connection stops the client with its own error
                }
                String message = "gave up reconnecting to " + connectionSettings.endpoint() + " after "
                        + (attempt - 1) + " attempts at " + tracker.resume() + ": " + last.getMessage();
                // a caller that tells network faults from the rest by type still sees one
                throw last instanceof ProtocolException ? new ProtocolException(message, last, false)
                        : new BinlogException(message, last);
            }
            Duration delay = policy.delay(attempt);
            LOG.warn("lost binlog stream from {} ({}); reconnect attempt {} in {} ms at {}",
                    connectionSettings.endpoint(), last.getMessage(), attempt, delay.toMillis(), tracker.resume());
            if (!sleep(delay)) {
                return null;
            }
            try {
                ReplicationStream opened = connect();
                synchronized (lock) {
                    if (closing) {
                        opened.close();
                        return null;
                    }
                    stream = opened;
                }
                return opened;
            } catch (BinlogException e) {
                if (closing) {
                    return null; // close() cut the connection being opened
                }
                boolean transientError = e instanceof dev.binlog.ServerErrorException error
                        && DumpErrors.transientError(error);
                if (!e.retryable() && !transientError) {
                    throw e;
                }
                last = e;
            }
        }
        return null;
    }

    private boolean sleep(Duration delay) {
        try {
            return !stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS) && !closing;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops reading, sends COM_QUIT, closes the socket and waits (up to 10 s) for the reader thread to finish,
     * including a running {@link RawEventListener#onEvent}. Safe to call more than once.
     */
    @Override
    public void close() {
        closing = true;
        ServerConnection inFlight = opening;
        if (inFlight != null) {
            // a start still logging in or querying holds the lock below: its next read fails instead
            inFlight.close();
        }
        Thread thread;
        synchronized (lock) {
            closing = true;
            if (stream != null) {
                stream.close();
            }
            thread = reader;
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(CLOSE_TIMEOUT.toMillis());
                if (thread.isAlive()) {
                    LOG.warn("binlog reader thread for {} still running {} s after close (listener blocked?)",
                            connectionSettings.endpoint(), CLOSE_TIMEOUT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A close() that came before {@code connection} was registered would not have cut it: cut it now. */
    private void abortIfClosing(ServerConnection connection) {
        if (closing) {
            connection.close();
            throw new ProtocolException("the client was closed while it connected to "
                    + connectionSettings.endpoint(), null, false);
        }
    }

    /** Waits until the client stops (closed, end of a non-blocking dump, or failure); true if it did in time. */
    boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether a connection is established and streaming now. */
    public boolean isConnected() {
        return connected;
    }

    /** Whether the client has stopped for good. */
    boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Position after the last delivered event: where a new client should start to continue this stream. Empty
     * before the first event of a GTID start.
     */
    public Optional<BinlogPosition> position() {
        return tracker == null ? Optional.empty() : Optional.ofNullable(tracker.next());
    }

    /** The error that stopped the client, if one did. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The server of the current (or last) connection. */
    Optional<ServerInfo> serverInfo() {
        return Optional.ofNullable(serverInfo);
    }

    /** Wraps what the listener threw, so it is not mistaken for a connection fault. */
    private static final class ListenerFailure extends RuntimeException {
        ListenerFailure(Throwable cause) {
            super(cause);
        }
    }
}
