package dev.binlog.spring.autoconfigure;

import dev.binlog.ChangeListener;
import dev.binlog.PositionStore;
import dev.binlog.stream.ClientSettings;

/**
 * A destination of the stream beside the {@code @BinlogListener} methods, such as the Kafka sink
 * ({@code binlog.kafka.enabled=true}). A bean of this type is picked up by the auto-configured client: its listener
 * receives every change right after the listener methods, in order, on the stream's thread, so a change's position is
 * saved only once both are done with it.
 */
public interface BinlogSink {

    /** Receives every change after the {@code @BinlogListener} methods. */
    ChangeListener listener();

    /**
     * The store the client saves positions to, given the one configured ({@code binlog.position-store.*} or the
     * application's bean); a sink that keeps positions itself (Kafka exactly-once) returns its own.
     */
    default PositionStore positionStore(PositionStore configured) {
        return configured;
    }

    /**
     * Runs once before the stream first starts; throws to prevent the start (e.g. a table the sink cannot publish).
     * A {@link dev.binlog.ConfigurationException} is not retried.
     */
    default void check(ClientSettings client) {
    }

    /** Named in the stream's startup log line. */
    String description();
}
