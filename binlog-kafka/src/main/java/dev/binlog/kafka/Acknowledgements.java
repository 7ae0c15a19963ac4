package dev.binlog.kafka;

import java.time.Duration;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the records sent and not yet acknowledged, keeps the first failure, and lets the stream's thread wait until
 * the broker acknowledged everything sent so far: what makes a saved position mean "published".
 */
final class Acknowledgements {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledgements.class);
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final Object lock = new Object();
    private long pending;
    private long acknowledged;
    private RuntimeException failure;

    Callback track(RecordOrigin origin) {
        synchronized (lock) {
            pending++;
        }
        return (metadata, exception) -> {
            synchronized (lock) {
                pending--;
                if (exception == null) {
                    acknowledged++;
                } else if (failure == null) {
                    failure = failure(origin, exception);
                }
                lock.notifyAll();
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

    /**
     * Waits until every record sent so far was acknowledged, warning every 10 s while the broker does not answer
     * (the producer retries with back-off meanwhile, so nothing is lost by waiting).
     *
     * @param where what is waiting, for the warning: "the transaction at mysql-bin.000003:4015"
     */
    void awaitAll(String where) {
        long started = System.nanoTime();
        long nextWarning = started + WARN_EVERY_NANOS;
        synchronized (lock) {
            while (pending > 0 && failure == null) {
                long now = System.nanoTime();
                if (now >= nextWarning) {
                    LOG.warn("Waiting {} s for Kafka to acknowledge {} record(s) of {}; the position is not saved "
                            + "until it does (is the broker reachable?)", (now - started) / 1_000_000_000L, pending,
                            where);
                    nextWarning = now + WARN_EVERY_NANOS;
                }
                try {
                    lock.wait(Math.max(1, (nextWarning - now) / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaPublishException("Interrupted while waiting for Kafka to acknowledge " + pending
                            + " record(s) of " + where + "; the position was not saved", e);
                }
            }
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
