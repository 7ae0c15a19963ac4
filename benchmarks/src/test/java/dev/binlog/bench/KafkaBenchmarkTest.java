package dev.binlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.MariaDbProcess;
import org.junit.jupiter.api.Test;

/** The Kafka benchmark on 2,000 rows: every publisher publishes every row, so the suite's figures count them all. */
class KafkaBenchmarkTest {

    @Test
    void everyPublisherPublishesEveryRow() throws Exception {
        MariaDbProcess server = BenchServer.start("bench-kafka-smoke");
        KafkaResults results;
        try {
            results = new KafkaBenchmark(server, 2_000).run();
        } finally {
            server.stop();
        }

        assertThat(results.runs()).extracting(r -> r.delivery() + " " + r.publisher() + " " + r.records() + " "
                + r.error()).containsExactly(
                        "at_least_once ours 2000 null",
                        "at_least_once kafka_producer 2000 null",
                        "at_least_once kafka_producer_awaiting_each_transaction 2000 null",
                        "exactly_once ours 2000 null",
                        "exactly_once kafka_producer 2000 null");
        assertThat(results.meanRecordBytes()).isGreaterThan(100);
    }
}
