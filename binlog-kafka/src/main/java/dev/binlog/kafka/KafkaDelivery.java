package dev.binlog.kafka;

/** What a {@link KafkaSink} promises about each row change reaching Kafka. */
public enum KafkaDelivery {

    /**
     * Idempotent producer, {@code acks=all}; a transaction's binlog position is saved only after the broker
     * acknowledged every record of it. After a crash, the transaction that was in flight is published again.
     */
    AT_LEAST_ONCE,

    /**
     * One Kafka transaction per binlog transaction, with the binlog position written into the same Kafka transaction
     * (to the offsets topic); consumers reading {@code read_committed} see every change once. A fixed
     * {@code transactional.id} fences an older instance of the same source.
     */
    EXACTLY_ONCE
}
