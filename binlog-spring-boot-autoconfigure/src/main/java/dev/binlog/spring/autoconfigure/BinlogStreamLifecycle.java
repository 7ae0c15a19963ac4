package dev.binlog.spring.autoconfigure;

import dev.binlog.BinlogException;
import dev.binlog.BinlogPosition;
import dev.binlog.ClientState;
import dev.binlog.ReconnectPolicy;
import dev.binlog.StreamStatistics;
import dev.binlog.spring.listener.InvalidListenerException;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.spring.listener.ListenerEndpoint;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.ClientSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the stream late (after every other bean, so listeners and their collaborators are ready) and stops it early.
 *
 * <p>With {@code binlog.fail-fast=true} the start happens here: the listeners are checked against the server's tables,
 * the client connects, and any failure fails the application's start. Otherwise (the default) the application starts
 * at once and a thread of the lifecycle does the same in the background, retrying a failed start with the connection
 * back-off ({@code binlog.connection.initial-backoff} doubling to {@code max-backoff}, at most {@code max-attempts};
 * once only with {@code keepalive=false}) while {@link #startFailure()} tells the health indicator why it is DOWN. A
 * listener that does not fit the tables is not retried.
 *
 * <p>That thread is not a daemon and lives from {@link #start} to {@link #stop}, so that an application without a
 * web server keeps running while it streams, as spring-kafka's containers keep theirs. Stopping lets the listeners
 * finish the transaction in flight and commits its position, within the shutdown phase's timeout
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}, 30 s by default).
 */
public final class BinlogStreamLifecycle implements SmartLifecycle {

    /** Late start, early stop: just inside the web server's phase. */
    public static final int PHASE = Integer.MAX_VALUE - 2048;

    private static final Logger LOG = LoggerFactory.getLogger(BinlogStreamLifecycle.class);

    private final BinlogClient client;
    private final boolean autoStartup;
    private final boolean failFast;
    private final Duration startTimeout;
    private final Duration drainTimeout;
    private final ListenerDispatcher dispatcher;
    private final Runnable listenerCheck;
    /** The client's reconnect policy also retries a failed background start. */
    private final ReconnectPolicy retry;
    private final Object lock = new Object();
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile Throwable startFailure;
    private boolean checked;
    private CountDownLatch stopSignal;
    private Thread keeper;

    public BinlogStreamLifecycle(BinlogClient client, boolean autoStartup, boolean failFast, Duration startTimeout,
            Duration drainTimeout) {
        this(client, autoStartup, failFast, startTimeout, drainTimeout, null, () -> { });
    }

    /**
     * @param dispatcher    the listeners, named in the startup log line; may be {@code null}
     * @param listenerCheck run before the first start; throws to prevent it
     */
    public BinlogStreamLifecycle(BinlogClient client, boolean autoStartup, boolean failFast, Duration startTimeout,
            Duration drainTimeout, ListenerDispatcher dispatcher, Runnable listenerCheck) {
        this.client = client;
        this.autoStartup = autoStartup;
        this.failFast = failFast;
        this.startTimeout = startTimeout;
        this.drainTimeout = drainTimeout;
        this.dispatcher = dispatcher;
        this.listenerCheck = listenerCheck;
        this.retry = client.settings().reconnect();
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            stopping = false;
            stopSignal = new CountDownLatch(1);
        }
        if (failFast) {
            LOG.info(startupLine());
            try {
                startNow();
            } catch (RuntimeException e) {
                running = false;
                throw failFastError(e);
            }
            LOG.info("Binlog stream from {} started", endpoint());
            keep(null);
        } else {
            // The line reads the position store, which may be a database that is down too: not on the caller's thread.
            keep(() -> {
                LOG.info(startupLine());
                startInBackground();
            });
        }
    }

    /** Checks the listeners (once) and starts the client; throws what prevented it. */
    private void startNow() {
        synchronized (lock) {
            if (stopping) {
                return;
            }
            if (!checked) {
                listenerCheck.run();
                checked = true;
            }
            client.start();
        }
        if (failFast) {
            awaitStreaming();
        }
        startFailure = null;
    }

    /** Streaming, paused, or copying a snapshot (which can take hours and shows that the start succeeded). */
    private boolean started() {
        ClientState state = client.state();
        return state == ClientState.STREAMING || state == ClientState.PAUSED || state == ClientState.SNAPSHOTTING;
    }

    private void awaitStreaming() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!started() && System.nanoTime() < deadline) {
            if (client.state() == ClientState.FAILED || client.state() == ClientState.RECONNECTING) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!started()) {
            Throwable cause = client.lastError().orElse(null);
            client.close();
            throw new BinlogException("the stream did not start (state " + client.state() + ")"
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
    }

    private RuntimeException failFastError(RuntimeException e) {
        if (e instanceof InvalidListenerException) {
            return e;
        }
        return new BinlogException("binlog.fail-fast=true and the binlog stream from " + endpoint()
                + " could not start: " + e.getMessage(), e);
    }

    private void startInBackground() {
        for (int attempt = 1; !stopping; attempt++) {
            try {
                startNow();
                LOG.info("Binlog stream from {} started{}", endpoint(), attempt > 1 ? " at attempt " + attempt : "");
                return;
            } catch (InvalidListenerException e) {
                startFailure = e;
                LOG.error("The binlog stream does not start: {}", e.getMessage());
                return;
            } catch (RuntimeException e) {
                startFailure = e;
                if (!retry.allows(attempt)) {
                    LOG.error("The binlog stream from {} could not start and is not retried ({} attempts): {}",
                            endpoint(), attempt, e.getMessage());
                    return;
                }
                Duration delay = retry.delay(attempt);
                LOG.warn("The binlog stream from {} could not start ({}); retrying in {} ms (attempt {}); "
                        + "binlog.fail-fast=true fails the application's start instead", endpoint(), e.getMessage(),
                        delay.toMillis(), attempt);
                if (awaitStop(delay)) {
                    return;
                }
            }
        }
    }

    /** Runs {@code work} (if any) on the lifecycle's non-daemon thread, which then waits for {@link #stop}. */
    private void keep(Runnable work) {
        CountDownLatch signal = stopSignal;
        Thread thread = new Thread(() -> {
            if (work != null) {
                work.run();
            }
            try {
                signal.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "binlog-lifecycle-" + endpoint());
        thread.setDaemon(false);
        keeper = thread;
        thread.start();
    }

    /** Waits up to {@code delay}; true when stopped meanwhile. */
    private boolean awaitStop(Duration delay) {
        try {
            return stopSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        synchronized (lock) {
            stopping = true;
        }
        stopSignal.countDown();
        client.close(drainTimeout);
        Thread thread = keeper;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
        LOG.info(shutdownLine());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Why the stream has not started: the error of the last background start attempt, until one succeeds (a
     * connection error while it is retried, or a listener that does not fit the tables). Empty once streaming.
     */
    public Optional<Throwable> startFailure() {
        return Optional.ofNullable(startFailure);
    }

    private String endpoint() {
        return client.settings().server().host() + ":" + client.settings().server().port();
    }

    /** Listeners, position store and where the stream begins, in one line. */
    String startupLine() {
        ClientSettings settings = client.settings();
        List<ListenerEndpoint> endpoints = dispatcher == null ? List.of() : dispatcher.endpoints();
        String listeners = endpoints.stream().map(BinlogStreamLifecycle::describe)
                .collect(Collectors.joining("; ", "[", "]"));
        String start;
        try {
            start = settings.positionStore().load().map(p -> "resuming after " + p + " (committed)")
                    .orElse("starting at " + settings.startPosition() + " (no committed position)");
        } catch (RuntimeException e) {
            start = "the position store cannot be read (" + e.getMessage() + ")";
        }
        return "Binlog stream from " + endpoint() + " to " + endpoints.size()
                + (endpoints.size() == 1 ? " listener " : " listeners ") + listeners + ", position store "
                + settings.positionStore() + ", " + start + (failFast ? "" : "; connecting in the background");
    }

    private static String describe(ListenerEndpoint endpoint) {
        String tables = endpoint.tables().isEmpty() ? "all tables" : String.join(", ", endpoint.tables());
        if (endpoint.kind() == ListenerEndpoint.Kind.SCHEMA_CHANGES) {
            List<String> names = new ArrayList<>(endpoint.tables());
            endpoint.schemas().forEach(schema -> names.add("schema " + schema));
            return endpoint.id() + " → schema changes of " + (names.isEmpty() ? "all tables" : String.join(", ", names));
        }
        if (endpoint.kind() == ListenerEndpoint.Kind.COMMITS) {
            return endpoint.id() + " → commits of " + tables;
        }
        String types = endpoint.types().isEmpty() ? "inserts, updates and deletes" : endpoint.types().stream().map(Enum::name)
                .collect(Collectors.joining(", "));
        Class<?>[] parameters = endpoint.method().getParameterTypes();
        boolean perTransaction = parameters.length == 1 && List.class.isAssignableFrom(parameters[0]);
        return endpoint.id() + " → " + tables + " (" + types + (endpoint.columns().isEmpty() ? ""
                : " of " + String.join(", ", endpoint.columns())) + (perTransaction ? ", per transaction" : "")
                + ")";
    }

    /** Where the stream stopped and what was committed. */
    String shutdownLine() {
        StreamStatistics statistics = client.statistics();
        long rows = statistics.rows().values().stream().mapToLong(Long::longValue).sum();
        String at = client.currentPosition().map(p -> "stopped at " + p).orElse("stopped before reading any event");
        String committed = client.committedPosition().map(p -> "committed " + p + " to "
                + client.settings().positionStore()).orElse("nothing committed");
        return "Binlog stream from " + endpoint() + " " + at + ", " + committed + " (" + statistics.transactions()
                + " transactions, " + rows + " rows delivered)";
    }
}
