package dev.binlog.kafka;

import static dev.binlog.kafka.DebeziumFormatTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ClientState;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionStore;
import dev.binlog.StartPosition;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import dev.binlog.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * The sink against a real broker and a real server: a random workload rebuilt from the topic equals the table, in
 * commit order per key, under both deliveries; tables without a key; DDL; oversized records.
 */
class KafkaSinkLiveTest {

    @LiveTest
    void randomWorkloadRebuiltFromTheTopicEqualsTheTableAtLeastOnce(LiveServer live) throws Exception {
        rebuildsTheTable(live, "alo_random", KafkaDelivery.AT_LEAST_ONCE);
    }

    @LiveTest
    void randomWorkloadRebuiltFromTheTopicEqualsTheTableExactlyOnce(LiveServer live) throws Exception {
        rebuildsTheTable(live, "eos_random", KafkaDelivery.EXACTLY_ONCE);
    }

    private static void rebuildsTheTable(LiveServer live, String table, KafkaDelivery delivery) throws Exception {
        live.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT NOT NULL, s VARCHAR(40))");
        String prefix = TestKafka.uniquePrefix(table);
        StartPosition start = KafkaSinks.now(live);
        int transactions = 150;
        List<dev.binlog.BinlogPosition> saved = new java.util.concurrent.CopyOnWriteArrayList<>();
        PositionStore memory = PositionStore.inMemory();
        PositionStore recording = new PositionStore() {
            @Override
            public java.util.Optional<dev.binlog.BinlogPosition> load() {
                return memory.load();
            }

            @Override
            public void save(dev.binlog.BinlogPosition position) {
                saved.add(position);
                memory.save(position);
            }
        };
        dev.binlog.BinlogPosition end;
        try (KafkaSink sink = KafkaSink.builder().bootstrapServers(TestKafka.bootstrapServers()).topicPrefix(prefix)
                .delivery(delivery).maxRecordsPerTransaction(7).build();
                BinlogClient client = KafkaSinks.client(live, table, start, sink, sink.positionStore(recording))) {
            sink.checkTables(client.settings());
            client.start();
            Random random = new Random(42);
            try (var connection = live.connection(); var statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                for (int t = 0; t < transactions; t++) {
                    int statements = 1 + random.nextInt(6);
                    for (int s = 0; s < statements; s++) {
                        int id = random.nextInt(60);
                        switch (random.nextInt(5)) {
                            case 0, 1 -> statement.execute("INSERT INTO " + table + " VALUES (" + id + ", " + t
                                    + ", 'r" + s + "') ON DUPLICATE KEY UPDATE v = v + 1");
                            case 2 -> statement.execute("UPDATE " + table + " SET v = v + 10, s = NULL WHERE id = "
                                    + id);
                            case 3 -> statement.execute("DELETE FROM " + table + " WHERE id = " + id);
                            default -> statement.execute("UPDATE IGNORE " + table + " SET id = id + 60 WHERE id = "
                                    + id);
                        }
                    }
                    connection.commit();
                }
            }
            live.execute("INSERT INTO " + table + " VALUES (1000, 0, 'last')");
            end = KafkaSinks.end(live);
            KafkaSinks.awaitCommitted(client, end);
            assertThat(client.state()).isEqualTo(ClientState.STREAMING);
            if (delivery == KafkaDelivery.AT_LEAST_ONCE) {
                KafkaSinks.await(() -> !saved.isEmpty() && saved.get(saved.size() - 1).compareTo(end) >= 0,
                        Duration.ofSeconds(30), "the last acknowledged position in the application's store");
                assertThat(saved).as("positions reach the store in order").isSorted();
            }
        }

        String topic = prefix + "." + live.database() + "." + table;
        List<ConsumerRecord<String, String>> records = TestKafka.read(topic, 1, Duration.ofSeconds(30));
        Map<Integer, String> rebuilt = new TreeMap<>();
        Map<Integer, List<Long>> order = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            int id = json(record.key().getBytes(StandardCharsets.UTF_8)).get("id").asInt();
            if (record.value() == null) {
                assertThat(rebuilt).as("a tombstone follows the delete of " + id).doesNotContainKey(id);
                continue;
            }
            JsonNode value = json(record.value().getBytes(StandardCharsets.UTF_8));
            JsonNode after = value.get("after");
            if (after.isNull()) {
                rebuilt.remove(id);
            } else {
                rebuilt.put(id, after.get("v").asInt() + "|" + (after.get("s").isNull() ? "null" : after.get("s").asString()));
            }
            order.computeIfAbsent(id, k -> new ArrayList<>()).add(value.get("source").get("pos").asLong() * 1000
                    + value.get("source").get("row").asLong());
        }
        Map<Integer, String> expected = new TreeMap<>();
        for (Map<String, Object> row : live.query("SELECT id, v, s FROM " + table)) {
            expected.put(((Number) row.get("id")).intValue(), row.get("v") + "|" + row.get("s"));
        }
        assertThat(rebuilt).as("the table rebuilt from " + records.size() + " records").isEqualTo(expected);
        order.forEach((id, places) -> assertThat(places).as("records of key " + id + " in commit order")
                .isSorted());
        if (delivery == KafkaDelivery.EXACTLY_ONCE) {
            assertThat(records.stream().filter(r -> r.value() != null).map(ConsumerRecord::value).distinct().count())
                    .as("no record twice").isEqualTo(records.stream().filter(r -> r.value() != null).count());
        }
    }

    @LiveTest
    void tableWithoutPrimaryKeyIsRefusedUnlessKeyColumnsAreConfigured(LiveServer live) throws Exception {
        live.execute("CREATE TABLE keyless (a INT NOT NULL, b VARCHAR(10))");
        String prefix = TestKafka.uniquePrefix("keyless");
        try (KafkaSink sink = KafkaSink.builder().bootstrapServers(TestKafka.bootstrapServers()).topicPrefix(prefix)
                .build();
                BinlogClient client = KafkaSinks.client(live, "keyless", KafkaSinks.now(live), sink,
                        PositionStore.inMemory())) {
            assertThatThrownBy(() -> sink.checkTables(client.settings())).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(live.database() + ".keyless has no primary key")
                    .hasMessageContaining("binlog.kafka.key-columns." + live.database() + ".keyless");
        }
        StartPosition start = KafkaSinks.now(live);
        try (KafkaSink sink = KafkaSink.builder().bootstrapServers(TestKafka.bootstrapServers()).topicPrefix(prefix)
                .keyColumns(live.database() + ".keyless", List.of("a")).build();
                BinlogClient client = KafkaSinks.client(live, "keyless", start, sink, PositionStore.inMemory())) {
            sink.checkTables(client.settings());
            client.start();
            live.execute("INSERT INTO keyless VALUES (7, 'x')");
            KafkaSinks.await(() -> sink.statistics().transactions() == 1, Duration.ofSeconds(30), "the insert");
        }
        List<ConsumerRecord<String, String>> records = TestKafka.read(prefix + "." + live.database() + ".keyless", 1,
                Duration.ofSeconds(20));
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("{\"a\":7}");
    }

    @LiveTest
    void schemaChangesGoToThePrefixTopicBetweenTheRows(LiveServer live) throws Exception {
        live.execute("CREATE TABLE ddl_rows (id INT PRIMARY KEY)");
        String prefix = TestKafka.uniquePrefix("ddl");
        StartPosition start = KafkaSinks.now(live);
        try (KafkaSink sink = KafkaSink.builder().bootstrapServers(TestKafka.bootstrapServers()).topicPrefix(prefix)
                .format(KafkaFormat.MAXWELL).build();
                BinlogClient client = KafkaSinks.client(live, "ddl_rows", start, sink, PositionStore.inMemory())) {
            client.start();
            live.execute("INSERT INTO ddl_rows VALUES (1)", "ALTER TABLE ddl_rows ADD COLUMN note VARCHAR(10)",
                    "INSERT INTO ddl_rows VALUES (2, 'after')");
            KafkaSinks.await(() -> sink.statistics().transactions() == 2, Duration.ofSeconds(30), "both inserts");
        }
        List<ConsumerRecord<String, String>> ddl = TestKafka.read(prefix, 1, Duration.ofSeconds(20));
        assertThat(ddl).isNotEmpty();
        JsonNode alter = ddl.stream().map(r -> json(r.value().getBytes(StandardCharsets.UTF_8)))
                .filter(v -> v.get("sql").asString().contains("ddl_rows")).findFirst().orElseThrow();
        assertThat(alter.get("type").asString()).isEqualTo("table-alter");
        assertThat(alter.get("database").asString()).isEqualTo(live.database());
        assertThat(alter.get("table").asString()).isEqualTo("ddl_rows");
        List<ConsumerRecord<String, String>> rows = TestKafka.read(prefix + "." + live.database() + ".ddl_rows", 2,
                Duration.ofSeconds(20));
        assertThat(rows).extracting(r -> json(r.value().getBytes(StandardCharsets.UTF_8)).get("data").toString())
                .as("keys in different partitions: no order between them")
                .containsExactlyInAnyOrder("{\"id\":1}", "{\"id\":2,\"note\":\"after\"}");
    }

    @LiveTest
    void oversizedRecordStopsTheStreamNamingTableKeyAndPositionOrIsSkippedWhenAskedTo(LiveServer live)
            throws Exception {
        live.execute("CREATE TABLE big_rows (id INT PRIMARY KEY, doc TEXT)");
        String prefix = TestKafka.uniquePrefix("big");
        StartPosition start = KafkaSinks.now(live);
        live.execute("INSERT INTO big_rows VALUES (1, REPEAT('x', 5000))", "INSERT INTO big_rows VALUES (2, 'small')");
        try (KafkaSink sink = KafkaSink.builder().bootstrapServers(TestKafka.bootstrapServers()).topicPrefix(prefix)
                .producerProperties(Map.of("max.request.size", "3000")).build();
                BinlogClient client = KafkaSinks.client(live, "big_rows", start, sink, PositionStore.inMemory())) {
            client.start();
            KafkaSinks.await(() -> client.state() == ClientState.FAILED, Duration.ofSeconds(30), "the failure");
            assertThat(client.lastError()).get().isInstanceOf(OversizedRecordException.class);
            assertThat(client.lastError().get().getMessage()).contains(live.database() + ".big_rows key {\"id\":1} at ")
                    .contains("over the producer's max.request.size of 3000 bytes")
                    .contains("binlog.kafka.oversized=skip");
            assertThat(client.committedPosition()).as("nothing saved past the start").isEmpty();
        }
        try (KafkaSink sink = KafkaSink.builder().bootstrapServers(TestKafka.bootstrapServers()).topicPrefix(prefix)
                .producerProperties(Map.of("max.request.size", "3000")).oversizedRecords(OversizedRecords.SKIP)
                .build();
                BinlogClient client = KafkaSinks.client(live, "big_rows", start, sink, PositionStore.inMemory())) {
            client.start();
            KafkaSinks.await(() -> sink.statistics().transactions() == 2, Duration.ofSeconds(30), "both rows");
            assertThat(sink.statistics().skippedOversized()).isEqualTo(1);
        }
        assertThat(TestKafka.read(prefix + "." + live.database() + ".big_rows", 1, Duration.ofSeconds(20)))
                .extracting(ConsumerRecord::key).containsExactly("{\"id\":2}");
    }
}
