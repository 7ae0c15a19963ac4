package dev.binlog.spring.actuate;

import dev.binlog.kafka.KafkaSink;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the Kafka sink ({@code binlog.kafka.enabled=true}), read from {@link KafkaSink#statistics()} on scrape:
 * {@code binlog.kafka.records} (records the broker acknowledged; exactly-once: in committed Kafka transactions),
 * {@code binlog.kafka.transactions} (binlog transactions fully published) and {@code binlog.kafka.skipped.oversized}
 * (changes left out under {@code binlog.kafka.oversized=skip}).
 */
public final class BinlogKafkaMetrics implements MeterBinder {

    private final KafkaSink sink;

    public BinlogKafkaMetrics(KafkaSink sink) {
        this.sink = sink;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("binlog.kafka.records", sink, s -> s.statistics().records())
                .description("Records of row changes the Kafka broker acknowledged").register(registry);
        FunctionCounter.builder("binlog.kafka.transactions", sink, s -> s.statistics().transactions())
                .description("Binlog transactions fully published to Kafka").register(registry);
        FunctionCounter.builder("binlog.kafka.skipped.oversized", sink, s -> s.statistics().skippedOversized())
                .description("Changes left out of Kafka because their record exceeded max.request.size "
                        + "(binlog.kafka.oversized=skip)").register(registry);
    }
}
