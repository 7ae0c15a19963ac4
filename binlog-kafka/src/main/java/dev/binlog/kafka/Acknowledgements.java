package dev.binlog.kafka;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * The acknowledgements of the records of a Kafka transaction: counts them and keeps the first failure; and how a
 * failed record is reported.
 */
final class Acknowledgements {

    private final Object lock = new Object();
    private long acknowledged;
    private RuntimeException failure;

    Callback track(RecordOrigin origin) {
        return (metadata, exception) -> {
            synchronized (lock) {
                if (exception == null) {
                    acknowledged++;
                } else if (failure == null) {
                    failure = failure(origin, exception);
                }
            }
        };
    }

    /** Throws the first failed send's error, if any. */
    void throwIfFailed() {
        synchronized (lock) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Forgets failures of records in a Kafka transaction that was aborted: they are sent again. */
    void forgetFailures() {
        synchronized (lock) {
            failure = null;
        }
    }

    long acknowledged() {
        synchronized (lock) {
            return acknowledged;
        }
    }

    static RuntimeException failure(RecordOrigin origin, Exception exception) {
        if (exception instanceof ProducerFencedException) {
            return fenced(exception);
        }
        if (exception instanceof RecordTooLargeException) {
            return new OversizedRecordException("The broker refused the record of " + origin.describe()
                    + " as too large (" + exception.getMessage() + "): raise the topic's max.message.bytes (or the "
                    + "broker's message.max.bytes) and the producer's max.request.size, then restart; the stream "
                    + "stopped before this transaction's position was saved", exception);
        }
        return new KafkaPublishException("Kafka did not accept the record of " + origin.describe() + ": "
                + exception.getMessage() + ". The stream stopped before this transaction's position was saved, so a "
                + "restart publishes the transaction again", exception);
    }

    static KafkaFencedException fenced(Exception exception) {
        return new KafkaFencedException("Another instance with the same transactional.id took over publishing this "
                + "source (" + exception.getMessage() + "): this one stopped and publishes nothing more", exception);
    }
}
