package dev.binlog.kafka;

import dev.binlog.BinlogException;

/**
 * A change could not be published: the broker refused or failed a record, or a Kafka transaction could not commit.
 * The stream stops and its position stays where the last published transaction left it, so a restart publishes the
 * failed transaction again; nothing is skipped.
 */
public class KafkaPublishException extends BinlogException {

    public KafkaPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
