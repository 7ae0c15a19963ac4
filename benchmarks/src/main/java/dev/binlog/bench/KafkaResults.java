package dev.binlog.bench;

import java.util.List;

/**
 * What the Kafka runs measured: the same rows published by our client with its {@code KafkaSink} and by a plain
 * {@code KafkaProducer} replaying the sink's records, into one broker in the benchmark JVM.
 *
 * @param rows                rows of the table (one record each: inserts, Debezium JSON)
 * @param rowsPerTransaction  rows per MariaDB transaction (and per Kafka transaction of the raw producer's EOS line)
 * @param meanRecordBytes     mean key + value bytes of the sink's records, which the raw producer replays
 * @param runs                one per delivery and publisher, in the order they ran
 */
public record KafkaResults(long rows, int rowsPerTransaction, double meanRecordBytes, List<Run> runs) {

    /** Our client streaming the binlog into the sink. */
    static final String OURS = "ours";
    /** A plain producer sending the records as fast as it can: the broker's ceiling here. */
    static final String PRODUCER = "kafka_producer";
    /** A plain producer that waits for the acknowledgements of every transaction's records, as the sink does. */
    static final String PRODUCER_AWAITING = "kafka_producer_awaiting_each_transaction";

    /**
     * One publisher publishing every row once.
     *
     * @param delivery     {@code at_least_once} or {@code exactly_once}
     * @param publisher    {@link #OURS}, {@link #PRODUCER} or {@link #PRODUCER_AWAITING}
     * @param records      records acknowledged (exactly-once: in committed Kafka transactions)
     * @param startSeconds from the start (client started, or producer built) to the first record acknowledged
     * @param seconds      from the start to the last record acknowledged
     * @param error        why the run failed, or null
     */
    public record Run(String delivery, String publisher, long records, double startSeconds, double seconds,
                      String error) {

        double rowsPerS() {
            return error == null && seconds > 0 ? records / seconds : Double.NaN;
        }
    }

    /** Rows/s of ours ÷ the publisher's in the same delivery, NaN where either is missing or failed. */
    double oursVs(String delivery, String publisher) {
        return rate(delivery, OURS) / rate(delivery, publisher);
    }

    double rate(String delivery, String publisher) {
        return runs.stream().filter(r -> r.delivery().equals(delivery) && r.publisher().equals(publisher))
                .findFirst().map(Run::rowsPerS).orElse(Double.NaN);
    }
}
