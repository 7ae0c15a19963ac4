package dev.binlog.client;

import dev.binlog.BinlogException;
import dev.binlog.BinlogPosition;
import dev.binlog.ReconnectPolicy;
import dev.binlog.ServerSettings;
import dev.binlog.StartPosition;
import dev.binlog.protocol.ServerConnection;
import dev.binlog.protocol.ServerInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a server's binary log to a {@link RawEventListener}, on two daemon threads: {@code binlog-reader-host:port}
 * reads packets from the socket into a bounded hand-off ({@value #HAND_OFF_BYTES} bytes of events at most), and
 * {@code binlog-decoder-host:port} delivers them, in order and exactly once, so that reading the socket overlaps
 * decoding and the listener. After network faults it reconnects with back-off and resumes where delivery stopped:
 * what was read before the fault is delivered first, then the position to resume from is final. Authentication, configuration and purged-position errors are not
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
    /**
     * How much the reader may be ahead of delivery: enough to keep reading while the listener works on a few
     * hundred events, small against any heap (a larger event passes alone).
     */
    static final long HAND_OFF_BYTES = 4L << 20;
    static final int HAND_OFF_EVENTS = 8192;

    private final ServerSettings connectionSettings;
    private final ReplicationSettings settings;
    private final RawEventListener listener;
    private final UUID replicaUuid = UUID.randomUUID();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Counted down when the client is told to stop (close, or the delivery thread ended): wakes a reconnect wait. */
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private final Object lock = new Object();

    private PositionTracker tracker;
    private StartPosition start;
    private ReplicationStream stream;
    private Thread reader;
    private Thread delivery;
    private final EventHandOff handOff = new EventHandOff(HAND_OFF_BYTES, HAND_OFF_EVENTS);
    private volatile boolean closing;
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
                Preflight.check(connection, settings);
                start = StartPositionResolver.resolve(connection, connectionSettings, settings, replicaUuid);
            }
            tracker = new PositionTracker(start);
            stream = connect();
            reader = new Thread(this::readLoop, "binlog-reader-" + connectionSettings.endpoint());
            reader.setDaemon(true);
            delivery = new Thread(this::deliverLoop, "binlog-decoder-" + connectionSettings.endpoint());
            delivery.setDaemon(true);
            delivery.start();
            reader.start();
        }
    }

    private ReplicationStream connect() {
        BinlogPosition resume = tracker.resume();
        StartPosition from = resume != null ? new StartPosition.At(resume) : start;
        ReplicationStream opened = ReplicationStream.open(connectionSettings, settings, from, settings.nonBlocking(),
                replicaUuid);
        tracker.connected(opened.checksumOn());
        serverInfo = opened.serverInfo();
        connected = true;
        LOG.info("streaming binlog from {} starting at {}", connectionSettings.endpoint(),
                ReplicationStream.describe(from));
        listener.onConnect(opened.serverInfo());
        return opened;
    }

    /**
     * The reader thread: packets from the socket into the hand-off, in order, each a copy of its own (the channel
     * reuses its buffer). A lost connection is handed over as a marker; once the delivery thread has handled
     * everything before it, the position to resume from is final and the reader reconnects. The read timeout
     * measures only the socket: while the hand-off is full the reader does not read, so a slow listener is never
     * taken for a dead server, and a silent server is noticed while the listener is still busy with earlier events.
     */
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
                    if (!handOff.put(new EventHandOff.Disconnected(e)) || !handOff.awaitIdle()) {
                        break;
                    }
                    current = reconnect(e);
                    if (current == null) {
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            end = e;
        } finally {
            connected = false;
            try {
                handOff.put(new EventHandOff.End(end));
            } catch (InterruptedException e) {
                handOff.close();
            }
        }
    }

    /** Reads events into the hand-off until the stream ends (false) or fails (exception). */
    private boolean pump(ReplicationStream current) throws InterruptedException {
        while (!closing) {
            if (!current.next()) {
                return false;
            }
            byte[] event = Arrays.copyOfRange(current.buffer(), 1, 1 + current.eventLength());
            if (!handOff.put(new EventHandOff.Event(event))) {
                return true; // stopping
            }
        }
        return true;
    }

    /**
     * The delivery thread: each handed-over event through the {@link PositionTracker} to the listener, on one
     * thread, in order. It ends the client: at the reader's end, after a listener failure (then it stops the reader
     * by closing the hand-off and the socket), or when closed; only then {@link RawEventListener#onStop} runs.
     */
    private void deliverLoop() {
        Throwable end = null;
        try {
            while (!closing) {
                EventHandOff.Item item = handOff.take(1000);
                if (item == null || closing) {
                    continue;
                }
                if (item instanceof EventHandOff.Event event) {
                    deliver(event.bytes());
                } else if (item instanceof EventHandOff.Disconnected lost) {
                    listener.onDisconnect(lost.cause());
                } else if (item instanceof EventHandOff.End stop) {
                    end = stop.failure();
                    if (end != null) {
                        LOG.error("replication from {} stopped: {}", connectionSettings.endpoint(), end.getMessage());
                    }
                    break;
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
                closing = true;
                if (stream != null) {
                    stream.close();
                }
            }
            closeRequested.countDown();
            handOff.close();
            joinReader();
            failure = end;
            stopped.countDown();
            listener.onStop(end);
        }
    }

    private void deliver(byte[] buffer) {
        int type = EventHeader.type(buffer, 0);
        if (type == EventHeader.HEARTBEAT || type == EventHeader.HEARTBEAT_V2) {
            listener.onHeartbeat(tracker.file(), EventHeader.nextPosition(buffer, 0));
            return;
        }
        RawEvent event = tracker.accept(buffer, 0, buffer.length);
        if (event == null) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (Exception | Error e) {
            throw new ListenerFailure(e);
        }
        tracker.delivered(event);
    }

    private void joinReader() {
        Thread thread = reader;
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                LOG.warn("binlog reader thread for {} still running {} s after stop (connecting?)",
                        connectionSettings.endpoint(), CLOSE_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ReplicationStream reconnect(BinlogException cause) {
        ReconnectPolicy policy = settings.reconnect();
        int attempt = 0;
        BinlogException last = cause;
        while (!closing) {
            attempt++;
            if (!policy.allows(attempt)) {
                throw new BinlogException("gave up reconnecting to " + connectionSettings.endpoint() + " after "
                        + (attempt - 1) + " attempts at " + tracker.resume() + ": " + last.getMessage(), last);
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
            return !closeRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS) && !closing;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops reading, sends COM_QUIT, closes the socket and waits (up to 10 s) for both threads to finish, including a
     * running {@link RawEventListener#onEvent}; events read but not delivered yet are dropped (the position stays
     * after the last delivered one). Safe to call more than once.
     */
    @Override
    public void close() {
        Thread thread;
        synchronized (lock) {
            closing = true;
            if (stream != null) {
                stream.close();
            }
            thread = delivery;
        }
        closeRequested.countDown();
        handOff.close();
        Thread self = Thread.currentThread();
        if (thread != null && thread != self && reader != self) {
            try {
                thread.join(CLOSE_TIMEOUT.toMillis());
                if (thread.isAlive()) {
                    LOG.warn("binlog delivery thread for {} still running {} s after close (listener blocked?)",
                            connectionSettings.endpoint(), CLOSE_TIMEOUT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
