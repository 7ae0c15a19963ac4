package dev.binlog.kafka;

import dev.binlog.BinlogPosition;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionStore;
import dev.binlog.Transaction;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once: the records of a binlog transaction and its position (an {@link OffsetsTopic} record) commit in one
 * Kafka transaction, when the client saves the position ({@link #positionStore}). A transaction with more records
 * than the limit is cut into parts; each part's offsets record says how many of its rows are published, so a restart
 * skips those. The producer's fixed {@code transactional.id} fences any older instance at {@code initTransactions}.
 */
final class TransactionalPublisher implements Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final OffsetsTopic offsets;
    private final int maxRecordsPerTransaction;
    private final Acknowledgements acknowledgements = new Acknowledgements();
    private boolean open;
    private long recordsInOpen;
    private volatile long committedRecords;
    private boolean awaitingSave;
    private boolean inBinlogTransaction;
    private boolean initialized;
    private BinlogPosition partBegin;
    private long partRows;
    private boolean fenced;
    private BinlogPosition lastSaved;

    TransactionalPublisher(Producer<byte[], byte[]> producer, OffsetsTopic offsets, int maxRecordsPerTransaction) {
        this.producer = producer;
        this.offsets = offsets;
        this.maxRecordsPerTransaction = maxRecordsPerTransaction;
    }

    @Override
    public void begin(Transaction transaction) {
        if (awaitingSave) {
            throw new ConfigurationException("Exactly-once delivery commits each Kafka transaction when the client "
                    + "saves the position, but the transaction before " + transaction.beginPosition() + " was not "
                    + "saved: give the client the sink's store (BinlogClient.Builder.positionStore("
                    + "sink.positionStore(...)))");
        }
        if (inBinlogTransaction) {
            // the stream reconnected in the middle of a transaction and delivers it again from its start
            abort();
        }
        inBinlogTransaction = true;
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> record, RecordOrigin origin) {
        throwIfFailed();
        beginIfNeeded();
        long started = System.nanoTime();
        while (true) {
            try {
                producer.send(record, acknowledgements.track(origin));
                break;
            } catch (TimeoutException e) {
                // no metadata for the topic within max.block.ms: nothing was appended, so sending again is safe
                LOG.warn("Kafka has not answered for {} s while publishing {} (is the broker reachable?); trying "
                        + "again", (System.nanoTime() - started) / 1_000_000_000L, origin.describe());
            } catch (KafkaException e) {
                throw fencedOr(Acknowledgements.failure(origin, e));
            }
        }
        recordsInOpen++;
    }

    @Override
    public void rowsSent(BinlogPosition begin, long rows) {
        if (recordsInOpen < maxRecordsPerTransaction) {
            return;
        }
        if (begin == null) {
            // snapshot rows outside a binlog transaction: they commit without a position (a snapshot interrupted
            // before its end starts again, so these are published at least once)
            commitWith(null, "snapshot rows");
            return;
        }
        // a transaction's start carries no GTID state: the last saved one lacks at most transactions the filter hid,
        // which a resume by GTID then reads (and hides) again
        BinlogPosition resumePoint = lastSaved == null ? begin : begin.withGtidState(lastSaved.gtidState());
        commitWith(offsets.record(resumePoint, rows), "part of the transaction at " + begin + " (" + rows + " rows)");
        partBegin = begin;
        partRows = rows;
    }

    @Override
    public void commit(Transaction transaction) {
        inBinlogTransaction = false;
        awaitingSave = true;
    }

    @Override
    public void flush(String where) {
        // records outside a binlog transaction commit with the next saved position
    }

    @Override
    public long publishedRows(BinlogPosition begin) {
        if (partBegin != null && begin != null && partBegin.file().equals(begin.file())
                && partBegin.position() == begin.position()) {
            return partRows;
        }
        partBegin = null;
        partRows = 0;
        return 0;
    }

    @Override
    public PositionStore positionStore(PositionStore configured) {
        return new Store();
    }

    @Override
    public long records() {
        return committedRecords;
    }

    @Override
    public void close() {
        if (open && !fenced) {
            try {
                producer.abortTransaction();
            } catch (KafkaException e) {
                LOG.debug("Aborting the open Kafka transaction at close failed", e);
            }
        }
        producer.close();
    }

    private void beginIfNeeded() {
        if (open) {
            return;
        }
        try {
            producer.beginTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e instanceof ProducerFencedException fencedNow ? Acknowledgements.fenced(fencedNow)
                    : new KafkaPublishException("Kafka refused to begin a transaction: " + e.getMessage(), e);
        }
        open = true;
        recordsInOpen = 0;
    }

    private void commitWith(ProducerRecord<byte[], byte[]> offset, String what) {
        beginIfNeeded();
        try {
            if (offset != null) {
                producer.send(offset, acknowledgements.track(new RecordOrigin(offsets.name(), offset.key(), "-", 0)));
            }
            commitRetryingTimeouts(what);
        } catch (KafkaException e) {
            throw fencedOr(new KafkaPublishException("Kafka could not commit the transaction of " + what + ": "
                    + e.getMessage() + ". It was aborted and its position not saved; a restart publishes it again",
                    e));
        }
        throwIfFailed();
        committedRecords += recordsInOpen;
        open = false;
        recordsInOpen = 0;
    }

    private void commitRetryingTimeouts(String what) {
        long started = System.nanoTime();
        while (true) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                // the broker is unreachable: committing again is allowed and resumes where the first call stopped
                LOG.warn("Committing the Kafka transaction of {} has waited {} s (is the broker reachable?); "
                        + "trying again", what, (System.nanoTime() - started) / 1_000_000_000L);
            }
        }
    }

    private void abort() {
        if (!open) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced = true;
        } catch (KafkaException e) {
            LOG.warn("Aborting the Kafka transaction failed: {}", e.toString());
        }
        acknowledgements.forgetFailures();
        open = false;
        recordsInOpen = 0;
    }

    private void throwIfFailed() {
        try {
            acknowledgements.throwIfFailed();
        } catch (RuntimeException e) {
            throw fencedOr(e);
        }
    }

    /**
     * {@code failure}, after aborting the open transaction; or a {@link KafkaFencedException} when the coordinator
     * answers the abort with {@link ProducerFencedException}. A produce with an old epoch
     * ({@link InvalidProducerEpochException}) means either another instance took over or the coordinator aborted a
     * transaction that ran too long: only the abort tells which.
     */
    private RuntimeException fencedOr(RuntimeException failure) {
        if (failure instanceof KafkaFencedException) {
            fenced = true;
            return failure;
        }
        if (open) {
            try {
                producer.abortTransaction();
            } catch (ProducerFencedException e) {
                fenced = true;
                e.addSuppressed(failure);
                return Acknowledgements.fenced(e);
            } catch (KafkaException e) {
                failure.addSuppressed(e);
            }
            acknowledgements.forgetFailures();
            open = false;
            recordsInOpen = 0;
        }
        return failure;
    }

    /** The client's position store under exactly-once: loads from and commits to Kafka. */
    private final class Store implements PositionStore {

        @Override
        public Optional<BinlogPosition> load() {
            if (initialized) {
                // a restart of the same client: what was sent and not saved is published again from the position
                abort();
            } else {
                initTransactions();
                offsets.create();
                initialized = true;
            }
            inBinlogTransaction = false;
            awaitingSave = false;
            Optional<OffsetsTopic.Offset> offset = offsets.read();
            offset.ifPresent(o -> {
                lastSaved = o.position();
                partBegin = o.rows() > 0 ? o.position() : null;
                partRows = o.rows();
                LOG.info("Kafka offsets topic {}: resuming at {}{}", offsets.name(), o.position(),
                        o.rows() > 0 ? " (" + o.rows() + " rows of that transaction were published)" : "");
            });
            return offset.map(OffsetsTopic.Offset::position);
        }

        @Override
        public void save(BinlogPosition position) {
            if (inBinlogTransaction) {
                // the stream stopped inside a transaction and saves a position it held back from before it: the
                // records sent of the unfinished transaction must not commit, and what is in the offsets topic
                // (its last part, or an earlier end) is a resume point at least as good
                abort();
                return;
            }
            commitWith(offsets.record(position, 0), "the transaction ending at " + position);
            lastSaved = position;
            awaitingSave = false;
            partBegin = null;
            partRows = 0;
        }

        private void initTransactions() {
            try {
                producer.initTransactions();
            } catch (TimeoutException e) {
                throw new KafkaPublishException("Kafka did not answer initTransactions within max.block.ms (is the "
                        + "broker reachable? " + e.getMessage() + "); the stream did not start", e);
            } catch (ProducerFencedException e) {
                fenced = true;
                throw Acknowledgements.fenced(e);
            }
        }

        @Override
        public String toString() {
            return "Kafka topic " + offsets.name() + " (exactly-once)";
        }
    }
}
