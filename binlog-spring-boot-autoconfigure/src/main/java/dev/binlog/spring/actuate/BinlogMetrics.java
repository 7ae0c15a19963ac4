package dev.binlog.spring.actuate;

import dev.binlog.BinlogClient;
import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.spring.listener.ListenerDispatcher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/**
 * Micrometer meters of the stream, read from its counters (no work on the stream's thread): {@code binlog.rows}
 * (tag {@code type}), {@code binlog.transactions}, {@code binlog.reconnects}, {@code binlog.position.commits},
 * {@code binlog.connected}, {@code binlog.lag} (seconds), and per listener {@code binlog.listener.invocations},
 * {@code binlog.listener.failures}, {@code binlog.listener.skipped} (tag {@code listener.id}). Tags stay bounded: no
 * table names or keys.
 */
public final class BinlogMetrics implements MeterBinder {

    private final BinlogClient client;
    private final ListenerDispatcher dispatcher;

    public BinlogMetrics(BinlogClient client, ListenerDispatcher dispatcher) {
        this.client = client;
        this.dispatcher = dispatcher;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ChangeType type : ChangeType.values()) {
            FunctionCounter.builder("binlog.rows", client, c -> c.statistics().rows().getOrDefault(type, 0L))
                    .tag("type", type.name().toLowerCase(Locale.ROOT))
                    .description("Row changes delivered to listeners").register(registry);
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
        dispatcher.statistics().forEach((id, stats) -> {
            FunctionCounter.builder("binlog.listener.invocations", stats, s -> s.invocations())
                    .tag("listener.id", id).register(registry);
            FunctionCounter.builder("binlog.listener.failures", stats, s -> s.failures())
                    .tag("listener.id", id).register(registry);
            FunctionCounter.builder("binlog.listener.skipped", stats, s -> s.skippedChanges())
                    .tag("listener.id", id).register(registry);
        });
    }
}
