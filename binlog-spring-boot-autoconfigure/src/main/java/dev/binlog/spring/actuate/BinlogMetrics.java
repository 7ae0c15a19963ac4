package dev.binlog.spring.actuate;

import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.event.EventType;
import dev.binlog.spring.listener.DispatchObserver;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of the stream. Counters the stream keeps are read on scrape (no work on the stream's thread):
 * {@code binlog.events} (tag {@code type}), {@code binlog.transactions}, {@code binlog.reconnects},
 * {@code binlog.position.commits}, {@code binlog.connected}, {@code binlog.lag} (seconds), per listener
 * {@code binlog.listener.skipped}, and of the snapshots, consistent and incremental, {@code binlog.snapshot.rows},
 * {@code binlog.snapshot.chunks} and the timer {@code binlog.snapshot.chunk} summed over every snapshot taken
 * ({@link SnapshotTotals}), and {@code binlog.snapshot.remaining.tables} of the one in progress. Counted as changes are dispatched: {@code binlog.rows} (tags {@code schema},
 * {@code table}, {@code type}; only tables that pass the filters reach the listeners, and past {@code maxTables}
 * distinct tables the rest count as {@code schema=other, table=other}); {@code binlog.listener.invocations}, a timer
 * with tags {@code listener.id}, {@code result} ({@code success}/{@code failure}) and {@code exception} (the simple
 * class name, or {@code none}). With an {@link ObservationRegistry}, each invocation is also an {@link Observation}
 * named {@code binlog.listener}. Never a primary key or a row value in a tag.
 */
public final class BinlogMetrics implements MeterBinder, DispatchObserver {

    private static final String OTHER = "other";

    private final BinlogClient client;
    private final ListenerDispatcher dispatcher;
    private final ObservationRegistry observations;
    private final int maxTables;
    private final Map<String, Counter[]> rowCounters = new ConcurrentHashMap<>();
    private final Map<String, Timer> successTimers = new ConcurrentHashMap<>();
    private final SnapshotTotals snapshots = new SnapshotTotals();
    private volatile MeterRegistry registry;

    public BinlogMetrics(BinlogClient client, ListenerDispatcher dispatcher, ObservationRegistry observations,
            int maxTables) {
        this.client = client;
        this.dispatcher = dispatcher;
        this.observations = observations == null ? ObservationRegistry.NOOP : observations;
        this.maxTables = maxTables;
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        registry = meterRegistry;
        for (EventType type : EventType.values()) {
            FunctionCounter.builder("binlog.events", client,
                    c -> c.statistics().events().getOrDefault(type.name(), 0L))
                    .tag("type", type.name().toLowerCase(Locale.ROOT))
                    .description("Binlog events received, by type").register(registry);
        }
        FunctionCounter.builder("binlog.transactions", client, c -> c.statistics().transactions())
                .description("Transactions delivered to listeners").register(registry);
        FunctionCounter.builder("binlog.reconnects", client, c -> c.statistics().reconnects())
                .description("Replication connections replaced after a fault").register(registry);
        FunctionCounter.builder("binlog.position.commits", client, c -> c.statistics().positionCommits())
                .description("Positions saved to the position store").register(registry);
        Gauge.builder("binlog.connected", client, c -> c.state() == ClientState.STREAMING
                || c.state() == ClientState.PAUSED ? 1 : 0).description("1 while connected").register(registry);
        Gauge.builder("binlog.lag", client, c -> c.lagSeconds().orElse(Double.NaN)).baseUnit("seconds")
                .description("How far the listeners are behind the server").register(registry);
        // summed over snapshots: the client's progress is its latest snapshot's, which would make counters go down
        FunctionCounter.builder("binlog.snapshot.rows", this, m -> m.snapshotTotals().rows())
                .description("Rows the snapshots copied").register(registry);
        FunctionCounter.builder("binlog.snapshot.chunks", this, m -> m.snapshotTotals().chunks())
                .description("Chunk queries the snapshots ran").register(registry);
        Gauge.builder("binlog.snapshot.remaining.tables", client, c -> c.snapshotProgress()
                .filter(p -> !p.finished()).map(SnapshotProgress::remainingTables).orElse(0))
                .description("Tables the snapshot in progress has still to copy").register(registry);
        FunctionTimer.builder("binlog.snapshot.chunk", this, m -> m.snapshotTotals().chunks(),
                m -> m.snapshotTotals().chunkNanos(), TimeUnit.NANOSECONDS)
                .description("Chunk queries of the snapshots, with their rows' delivery").register(registry);
        dispatcher.statistics().forEach((id, stats) -> FunctionCounter.builder("binlog.listener.skipped", stats,
                s -> s.skippedChanges()).tag("listener.id", id)
                .description("Changes a listener failed on and skipped (error-handling mode skip)").register(registry));
        if (dispatcher.deadLetters() != null) {
            dispatcher.statistics().forEach((id, stats) -> FunctionCounter.builder("binlog.dead.letters", stats,
                    s -> s.deadLetters()).tag("listener.id", id)
                    .description("Changes a listener failed on that went to the dead-letter table (error-handling "
                            + "mode dead-letter)").register(registry));
        }
        dispatcher.observer(this);
    }

    private SnapshotTotals snapshotTotals() {
        snapshots.observe(client.snapshotProgress().orElse(null));
        return snapshots;
    }

    @Override
    public void snapshotMarker(SnapshotMarker marker) {
        snapshots.observe(client.snapshotProgress().orElse(null));
    }

    @Override
    public void changeDispatched(RowChange change) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        if (change.type() == ChangeType.READ) {
            snapshots.observe(client.snapshotProgress().orElse(null));
        }
        String key = change.schema() + "." + change.table();
        Counter[] counters = rowCounters.get(key);
        if (counters == null) {
            counters = rowCounters.size() < maxTables ? rowCounters.computeIfAbsent(key,
                    k -> countersFor(meters, change.schema(), change.table()))
                    : rowCounters.computeIfAbsent(OTHER, k -> countersFor(meters, OTHER, OTHER));
        }
        counters[change.type().ordinal()].increment();
    }

    private static Counter[] countersFor(MeterRegistry meters, String schema, String table) {
        ChangeType[] types = ChangeType.values();
        Counter[] counters = new Counter[types.length];
        for (ChangeType type : types) {
            counters[type.ordinal()] = Counter.builder("binlog.rows").tag("schema", schema).tag("table", table)
                    .tag("type", type.name().toLowerCase(Locale.ROOT))
                    .description("Row changes delivered to listeners").register(meters);
        }
        return counters;
    }

    @Override
    public void invocation(String listenerId, Invocation invocation) throws Exception {
        MeterRegistry meters = registry;
        if (meters == null) {
            invocation.run();
            return;
        }
        Observation observation = Observation.createNotStarted("binlog.listener", observations)
                .lowCardinalityKeyValue("listener.id", listenerId).start();
        long start = System.nanoTime();
        try (Observation.Scope scope = observation.openScope()) {
            invocation.run();
            successTimers.computeIfAbsent(listenerId, id -> timer(meters, id, "success", "none"))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (Exception | Error e) {
            timer(meters, listenerId, "failure", e.getClass().getSimpleName())
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    private static Timer timer(MeterRegistry meters, String listenerId, String result, String exception) {
        return Timer.builder("binlog.listener.invocations").tag("listener.id", listenerId).tag("result", result)
                .tag("exception", exception).description("Listener method invocations").register(meters);
    }
}
