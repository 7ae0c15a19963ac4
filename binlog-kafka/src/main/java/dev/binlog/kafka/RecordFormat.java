package dev.binlog.kafka;

import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Turns changes into Kafka records of one JSON format; called on the stream's thread only. */
interface RecordFormat {

    /** The records of one row change, in the order they must reach their partitions. */
    List<ProducerRecord<byte[], byte[]>> rowChange(RowChange change, RowPlace place);

    /** The record of a DDL statement, for the schema-change topic. */
    ProducerRecord<byte[], byte[]> schemaChange(SchemaChange change);

    /** A record marking a table copy's start or end, or {@code null} when the format has none. */
    ProducerRecord<byte[], byte[]> snapshotMarker(SnapshotMarker marker);

    /** Whether rows need {@link RowPlace#last()} ({@code "commit": true} on Maxwell's last row): the sink then holds each row back by one. */
    boolean marksCommit();
}
