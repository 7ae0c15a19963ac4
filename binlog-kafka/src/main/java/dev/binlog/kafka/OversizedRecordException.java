package dev.binlog.kafka;

/**
 * A change's record is larger than the producer's {@code max.request.size} (or the broker's
 * {@code message.max.bytes}); the message names table, key, position and size, and how to raise the limit.
 */
public class OversizedRecordException extends KafkaPublishException {

    public OversizedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
