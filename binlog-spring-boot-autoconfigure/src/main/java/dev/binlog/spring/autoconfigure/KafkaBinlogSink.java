package dev.binlog.spring.autoconfigure;

import dev.binlog.ChangeListener;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionStore;
import dev.binlog.kafka.KafkaSink;
import dev.binlog.stream.ClientSettings;

/**
 * The {@link KafkaSink} as a destination of the auto-configured client. Its own class, so that
 * {@link BinlogAutoConfiguration} never names a type of binlog-kafka and runs without it.
 */
final class KafkaBinlogSink implements BinlogSink {

    private final KafkaSink sink;
    private final String description;

    KafkaBinlogSink(KafkaSink sink, String description) {
        this.sink = sink;
        this.description = description;
    }

    @Override
    public ChangeListener listener() {
        return sink;
    }

    @Override
    public PositionStore positionStore(PositionStore configured) {
        return sink.positionStore(configured);
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
}
