package dev.binlog.spring.autoconfigure;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionStore;
import dev.binlog.kafka.KafkaSink;
import dev.binlog.stream.ClientSettings;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link KafkaSink} as a destination of the auto-configured client. Its own class, so that
 * {@link BinlogAutoConfiguration} never names a type of binlog-kafka and runs without it.
 */
final class KafkaBinlogSink implements BinlogSink {

    private final KafkaSink sink;
    private final String description;
    private final String offsetsTopic;

    /** @param offsetsTopic the exactly-once position topic, named in the log; {@code null} under at-least-once */
    KafkaBinlogSink(KafkaSink sink, String description, String offsetsTopic) {
        this.sink = sink;
        this.description = description;
        this.offsetsTopic = offsetsTopic;
    }

    @Override
    public ChangeListener listener() {
        return sink;
    }

    @Override
    public PositionStore positionStore(PositionStore configured) {
        PositionStore store = sink.positionStore(configured);
        return store == configured ? store : new OffsetsTopicStore(store, offsetsTopic);
    }

    /** A delivered table without a primary key and without binlog.kafka.key-columns fails the start, not retried. */
    @Override
    public void check(ClientSettings client) {
        try {
            sink.checkTables(client);
        } catch (ConfigurationException e) {
            throw new InvalidSinkException(e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * The sink's exactly-once store under a name for the startup and shutdown lines (binlog-kafka's own store has no
     * {@code toString}).
     */
    private record OffsetsTopicStore(PositionStore store, String topic) implements PositionStore {

        @Override
        public Optional<BinlogPosition> load() {
            return store.load();
        }

        @Override
        public void save(BinlogPosition position) {
            store.save(position);
        }

        @Override
        public Set<String> ownTables() {
            return store.ownTables();
        }

        @Override
        public String toString() {
            return "Kafka topic " + topic + " (exactly-once)";
        }
    }
}
