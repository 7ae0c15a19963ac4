package dev.binlog.kafka;

import dev.binlog.BinlogPosition;
import dev.binlog.PositionStore;
import dev.binlog.Transaction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** How records reach Kafka and when a binlog position counts as published: one implementation per delivery. */
interface Publisher extends AutoCloseable {

    /** A binlog transaction begins. */
    void begin(Transaction transaction);

    void send(ProducerRecord<byte[], byte[]> record, RecordOrigin origin);

    /**
     * Every record of {@code rows} rows of the binlog transaction that began at {@code begin} was sent: a place where
     * a long transaction may be cut into parts.
     */
    void rowsSent(BinlogPosition begin, long rows);

    /** The binlog transaction's rows were all sent; its position is saved next. */
    void commit(Transaction transaction);

    /** Records sent outside a transaction (a schema change, a snapshot's table) must be published before going on. */
    void flush(String where);

    /** Rows of the transaction that begins at {@code begin} that an earlier run already published. */
    long publishedRows(BinlogPosition begin);

    /** The store the client saves positions to, given the one the application configured. */
    PositionStore positionStore(PositionStore configured);

    long records();

    @Override
    void close();
}
