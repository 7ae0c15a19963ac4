package dev.binlog.kafka;

/** What a {@link KafkaSink} does with a change whose record exceeds the producer's {@code max.request.size}. */
public enum OversizedRecords {

    /** Stop the stream with an {@link OversizedRecordException} naming table, key and position (the default). */
    FAIL,

    /**
     * Log the change at ERROR (table, key, position, size), count it in {@link KafkaSinkStatistics#skippedOversized()}
     * and go on without it.
     */
    SKIP
}
