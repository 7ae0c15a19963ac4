package dev.binlog.spring.actuate;

import dev.binlog.spring.BinlogLeadership;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the election ({@code binlog.cluster.mode=leader}), read on scrape: {@code binlog.cluster.leader} (1 while
 * this instance leads, else 0) and {@code binlog.cluster.elections} (grants of the leadership to this instance).
 */
public final class BinlogClusterMetrics implements MeterBinder {

    private final BinlogLeadership leadership;

    public BinlogClusterMetrics(BinlogLeadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("binlog.cluster.leader", leadership, l -> l.role() == BinlogLeadership.Role.LEADER ? 1 : 0)
                .description("1 while this instance is the binlog leader and streams, 0 while it stands by")
                .register(registry);
        FunctionCounter.builder("binlog.cluster.elections", leadership, BinlogLeadership::elections)
                .description("Times this instance was granted the binlog leadership").register(registry);
    }
}
