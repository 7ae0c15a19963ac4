package dev.binlog.kafka;

/**
 * Counters of a {@link KafkaSink} since it was built.
 *
 * @param records          records the broker acknowledged (exactly-once: in committed Kafka transactions)
 * @param transactions     binlog transactions fully published
 * @param skippedOversized changes left out under {@link OversizedRecords#SKIP}
 */
public record KafkaSinkStatistics(long records, long transactions, long skippedOversized) {
}
