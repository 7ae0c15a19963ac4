package dev.binlog.kafka;

import dev.binlog.FencedException;

/**
 * Another instance started with the same {@code transactional.id} (exactly-once delivery): the broker fenced this
 * one, aborted its open Kafka transaction, and it publishes nothing more.
 */
public class KafkaFencedException extends FencedException {

    public KafkaFencedException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
