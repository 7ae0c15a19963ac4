package dev.binlog.kafka;

import static dev.binlog.kafka.DebeziumFormatTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeListener;
import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.StartPosition;
import dev.binlog.Transaction;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import dev.binlog.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * Exactly-once delivery on a real broker: a second instance of the same source fences the first; a long transaction
 * cut into parts and interrupted part-way resumes after the rows already published.
 */
class ExactlyOnceLiveTest {

    @LiveTest
    void secondInstanceFencesTheFirstWhichPublishesNothingMore(LiveServer live) throws Exception {
        live.execute("CREATE TABLE fenced (id INT PRIMARY KEY)");
        String prefix = TestKafka.uniquePrefix("fenced");
        StartPosition start = KafkaSinks.now(live);
        try (KafkaSink older = sink(prefix, 10_000);
                BinlogClient first = KafkaSinks.client(live, "fenced", start, older,
                        older.positionStore(PositionStore.inMemory()))) {
            first.start();
            live.execute("INSERT INTO fenced VALUES (1)", "INSERT INTO fenced VALUES (2)");
            KafkaSinks.awaitCommitted(first, KafkaSinks.end(live));

            try (KafkaSink newer = sink(prefix, 10_000);
                    BinlogClient second = KafkaSinks.client(live, "fenced", start, newer,
                            newer.positionStore(PositionStore.inMemory()))) {
                second.start();
                KafkaSinks.await(() -> second.state() == ClientState.STREAMING, Duration.ofSeconds(30),
                        "the newer instance to stream");
                live.execute("INSERT INTO fenced VALUES (3)", "INSERT INTO fenced VALUES (4)");
                KafkaSinks.awaitCommitted(second, KafkaSinks.end(live));
                KafkaSinks.await(() -> first.state() == ClientState.FAILED, Duration.ofSeconds(30),
                        "the older instance to be fenced");

                assertThat(first.lastError()).get().isInstanceOf(KafkaFencedException.class);
                assertThat(first.lastError().get()).hasRootCauseInstanceOf(ProducerFencedException.class);
                assertThat(first.lastError().get().getMessage()).contains("same transactional.id");
                assertThat(second.state()).isEqualTo(ClientState.STREAMING);
            }
        }
        List<ConsumerRecord<String, String>> records = TestKafka.read(prefix + "." + live.database() + ".fenced", 4,
                Duration.ofSeconds(20));
        assertThat(records).as("each row once: the newer went on from the older's last commit, and the older "
                + "committed nothing after it").extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("{\"id\":1}", "{\"id\":2}", "{\"id\":3}", "{\"id\":4}");
    }

    @LiveTest
    void longTransactionInterruptedAfterSomePartsResumesAfterTheRowsPublished(LiveServer live) throws Exception {
        live.execute("CREATE TABLE parts (id INT PRIMARY KEY)");
        String prefix = TestKafka.uniquePrefix("parts");
        StartPosition start = KafkaSinks.now(live);
        live.execute("INSERT INTO parts SELECT seq FROM seq_1_to_200");
        live.execute("INSERT INTO parts VALUES (1000)");

        AtomicInteger rows = new AtomicInteger();
        try (KafkaSink sink = sink(prefix, 50);
                BinlogClient client = KafkaSinks.client(live, "parts", start, crashingAfter(sink, 120, rows),
                        sink.positionStore(PositionStore.inMemory()))) {
            client.start();
            KafkaSinks.await(() -> client.state() == ClientState.FAILED, Duration.ofSeconds(30), "the crash");
        }
        List<ConsumerRecord<String, String>> committed = TestKafka.read(prefix + "." + live.database() + ".parts",
                100, Duration.ofSeconds(20));
        assertThat(committed).as("two parts of 50 rows committed before the crash at row 120").hasSize(100);

        try (KafkaSink sink = sink(prefix, 50);
                BinlogClient client = KafkaSinks.client(live, "parts", start, sink,
                        sink.positionStore(PositionStore.inMemory()))) {
            client.start();
            KafkaSinks.awaitCommitted(client, KafkaSinks.end(live));
        }
        List<ConsumerRecord<String, String>> records = TestKafka.read(prefix + "." + live.database() + ".parts", 201,
                Duration.ofSeconds(20));
        List<Integer> ids = records.stream()
                .map(r -> json(r.key().getBytes(StandardCharsets.UTF_8)).get("id").asInt()).toList();
        List<Integer> expected = new java.util.ArrayList<>(java.util.stream.IntStream.rangeClosed(1, 200).boxed().toList());
        expected.add(1000);
        assertThat(ids).as("every row once").containsExactlyInAnyOrderElementsOf(expected);
    }

    private static KafkaSink sink(String prefix, int maxRecords) {
        return KafkaSink.builder().bootstrapServers(TestKafka.bootstrapServers()).topicPrefix(prefix)
                .delivery(KafkaDelivery.EXACTLY_ONCE).maxRecordsPerTransaction(maxRecords).build();
    }

    /** The sink, and a failure at the given row of the stream (as if the process died there). */
    private static ChangeListener crashingAfter(KafkaSink sink, int failAt, AtomicInteger rows) {
        return new ChangeListener() {
            @Override
            public void onBegin(Transaction transaction) {
                sink.onBegin(transaction);
            }

            @Override
            public void onChange(RowChange change) {
                if (rows.incrementAndGet() == failAt) {
                    throw new IllegalStateException("crash at row " + failAt);
                }
                sink.onChange(change);
            }

            @Override
            public void onCommit(Transaction transaction) {
                sink.onCommit(transaction);
            }

            @Override
            public void onSchemaChange(SchemaChange change) {
                sink.onSchemaChange(change);
            }

            @Override
            public void onSnapshot(SnapshotMarker marker) {
                sink.onSnapshot(marker);
            }
        };
    }
}
