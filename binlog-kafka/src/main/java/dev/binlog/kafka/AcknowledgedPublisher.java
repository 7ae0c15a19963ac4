package dev.binlog.kafka;

import dev.binlog.BinlogPosition;
import dev.binlog.PositionStore;
import dev.binlog.Transaction;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * At-least-once: an idempotent producer sends without waiting; at each commit the stream's thread waits until the
 * broker acknowledged every record sent, so the application's position store saves only published transactions.
 */
final class AcknowledgedPublisher implements Publisher {

    private final Producer<byte[], byte[]> producer;
    private final Acknowledgements acknowledgements = new Acknowledgements();

    AcknowledgedPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public void begin(Transaction transaction) {
        acknowledgements.throwIfFailed();
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> record, RecordOrigin origin) {
        acknowledgements.throwIfFailed();
        try {
            producer.send(record, acknowledgements.track(origin));
        } catch (KafkaException e) {
            throw Acknowledgements.failure(origin, e);
        }
    }

    @Override
    public void rowsSent(BinlogPosition begin, long rows) {
    }

    @Override
    public void commit(Transaction transaction) {
        acknowledgements.awaitAll("the transaction at " + transaction.beginPosition());
    }

    @Override
    public void flush(String where) {
        acknowledgements.awaitAll(where);
    }

    @Override
    public long publishedRows(BinlogPosition begin) {
        return 0;
    }

    @Override
    public PositionStore positionStore(PositionStore configured) {
        return configured;
    }

    @Override
    public long records() {
        return acknowledgements.acknowledged();
    }

    @Override
    public void close() {
        producer.close();
    }
}
