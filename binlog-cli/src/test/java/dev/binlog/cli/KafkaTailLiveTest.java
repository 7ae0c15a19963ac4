package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import dev.binlog.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tail --kafka} against a live server and a real broker: what arrives on the table's topic, in either format,
 * with nothing on standard output; a table without a primary key refused unless {@code --key-columns} names its key;
 * a record the broker cannot take ends the command with one line.
 */
class KafkaTailLiveTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @LiveTest
    void publishesInsertsUpdatesAndDeletesAsDebeziumJson(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS kafka_orders",
                "CREATE TABLE kafka_orders (id INT PRIMARY KEY, name VARCHAR(20))");
        String start = LiveCli.position(live);
        live.execute("INSERT INTO kafka_orders VALUES (1, 'one')", "UPDATE kafka_orders SET name = 'uno' WHERE id = 1",
                "DELETE FROM kafka_orders WHERE id = 1");
        String prefix = TestKafka.uniquePrefix("cli-debezium");

        LiveCli run = LiveCli.tail(live, "--start", start, "--stop-at-end", "--include", live.database()
                + ".kafka_orders", "--kafka", TestKafka.bootstrapServers(), "--topic-prefix", prefix);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<ConsumerRecord<String, String>> records = TestKafka.read(prefix + "." + live.database()
                + ".kafka_orders", 4, READ_TIMEOUT);
        // one key, so one partition, in commit order; the delete is followed by a tombstone
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("{\"id\":1}");
        assertThat(records).hasSize(4);
        assertThat(records.get(3).value()).isNull();
        List<JsonNode> values = records.subList(0, 3).stream().map(r -> JSON.readTree(r.value())).toList();
        assertThat(values).extracting(v -> v.get("op").asText()).containsExactly("c", "u", "d");
        assertThat(values).extracting(v -> v.get("before").toString()).containsExactly("null",
                "{\"id\":1,\"name\":\"one\"}", "{\"id\":1,\"name\":\"uno\"}");
        assertThat(values).extracting(v -> v.get("after").toString()).containsExactly("{\"id\":1,\"name\":\"one\"}",
                "{\"id\":1,\"name\":\"uno\"}", "null");
        assertThat(values).allSatisfy(v -> {
            assertThat(v.get("source").get("db").asText()).isEqualTo(live.database());
            assertThat(v.get("source").get("table").asText()).isEqualTo("kafka_orders");
            assertThat(v.get("source").get("name").asText()).isEqualTo(prefix);
        });
    }

    @LiveTest
    void maxwellFormatMarksTheLastRowOfATransactionAsTheCommit(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS kafka_items",
                "CREATE TABLE kafka_items (id INT PRIMARY KEY, name VARCHAR(20))");
        String start = LiveCli.position(live);
        live.execute("START TRANSACTION", "INSERT INTO kafka_items VALUES (1, 'one')",
                "INSERT INTO kafka_items VALUES (2, 'two')", "COMMIT",
                "UPDATE kafka_items SET name = 'uno' WHERE id = 1", "DELETE FROM kafka_items WHERE id = 2");
        String prefix = TestKafka.uniquePrefix("cli-maxwell");

        LiveCli run = LiveCli.tail(live, "--start", start, "--stop-at-end", "--include", live.database()
                + ".kafka_items", "--kafka", TestKafka.bootstrapServers(), "--topic-prefix", prefix,
                "--kafka-format", "maxwell");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<JsonNode> values = TestKafka.read(prefix + "." + live.database() + ".kafka_items", 4, READ_TIMEOUT)
                .stream().map(r -> JSON.readTree(r.value())).toList();
        assertThat(values).hasSize(4);
        List<String> rowOne = describe(values, 1);
        List<String> rowTwo = describe(values, 2);
        assertThat(rowOne).containsExactly(
                "insert data={\"id\":1,\"name\":\"one\"} old=null commit=null",
                "update data={\"id\":1,\"name\":\"uno\"} old={\"name\":\"one\"} commit=true");
        assertThat(rowTwo).containsExactly(
                "insert data={\"id\":2,\"name\":\"two\"} old=null commit=true",
                "delete data={\"id\":2,\"name\":\"two\"} old=null commit=true");
        assertThat(values).allSatisfy(v -> {
            assertThat(v.get("database").asText()).isEqualTo(live.database());
            assertThat(v.get("table").asText()).isEqualTo("kafka_items");
        });
    }

    @LiveTest
    void aTableWithoutPrimaryKeyNeedsKeyColumns(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS kafka_log", "CREATE TABLE kafka_log (host VARCHAR(20), n INT)");
        String start = LiveCli.position(live);
        live.execute("INSERT INTO kafka_log VALUES ('web1', 7)");
        String table = live.database() + ".kafka_log";
        String prefix = TestKafka.uniquePrefix("cli-keyless");

        LiveCli refused = LiveCli.tail(live, "--start", start, "--stop-at-end", "--include", table,
                "--kafka", TestKafka.bootstrapServers(), "--topic-prefix", prefix);

        assertThat(refused.status()).isEqualTo(BinlogCli.FAILURE);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("binlog tail: Kafka records need a key, but " + table + " has no primary"
                + " key: configure key columns (--key-columns " + table + "=col1,col2) or leave it out of the"
                + " filter\n");

        LiveCli published = LiveCli.tail(live, "--start", start, "--stop-at-end", "--include", table,
                "--kafka", TestKafka.bootstrapServers(), "--topic-prefix", prefix, "--key-columns",
                table + "=host,n");

        assertThat(published.status()).as(published.err()).isZero();
        List<ConsumerRecord<String, String>> records = TestKafka.read(prefix + "." + table, 1, READ_TIMEOUT);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("{\"host\":\"web1\",\"n\":7}");
        assertThat(JSON.readTree(records.get(0).value()).get("after").toString())
                .isEqualTo("{\"host\":\"web1\",\"n\":7}");
    }

    @LiveTest
    void aRecordOverTheProducersLimitEndsTheCommandWithOneLine(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS kafka_big", "CREATE TABLE kafka_big (id INT PRIMARY KEY, body TEXT)");
        String start = LiveCli.position(live);
        live.execute("INSERT INTO kafka_big VALUES (1, REPEAT('x', 5000))");

        LiveCli run = LiveCli.tail(live, "--start", start, "--stop-at-end", "--include", live.database()
                + ".kafka_big", "--kafka", TestKafka.bootstrapServers(), "--topic-prefix",
                TestKafka.uniquePrefix("cli-big"), "--kafka-property", "max.request.size=2000");

        assertThat(run.status()).isEqualTo(BinlogCli.FAILURE);
        assertThat(run.err()).startsWith("binlog tail: The record of " + live.database() + ".kafka_big")
                .contains("over the producer's max.request.size of 2000 bytes: raise max.request.size"
                        + " (--kafka-property max.request.size=BYTES) and the topic's max.message.bytes.")
                .doesNotContain("Spring").endsWith("\n").hasLineCount(1);
    }

    @LiveTest
    void aSnapshotPublishesTheCopiedRowsAsReads(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS kafka_snap", "CREATE TABLE kafka_snap (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO kafka_snap VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        String table = live.database() + ".kafka_snap";
        String prefix = TestKafka.uniquePrefix("cli-snapshot");

        LiveCli run = LiveCli.tail(live, "--snapshot", table, "--include", table, "--stop-at-end", "--kafka",
                TestKafka.bootstrapServers(), "--topic-prefix", prefix);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<JsonNode> values = TestKafka.read(prefix + "." + table, 3, READ_TIMEOUT).stream()
                .map(r -> JSON.readTree(r.value())).toList();
        assertThat(values).extracting(v -> v.get("op").asText() + " " + v.get("source").get("snapshot").asText()
                + " " + v.get("after")).containsExactlyInAnyOrder(
                        "r true {\"id\":1,\"name\":\"one\"}",
                        "r true {\"id\":2,\"name\":\"two\"}",
                        "r true {\"id\":3,\"name\":\"three\"}");
    }

    @LiveTest
    void anIncrementalSnapshotWhileWritersRunEndsWithEachKeysLastRecordEqualToItsRow(LiveServer live)
            throws Exception {
        live.execute("DROP TABLE IF EXISTS kafka_inc", "CREATE TABLE kafka_inc (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO kafka_inc SELECT seq, 0 FROM seq_1_to_300");
        String table = live.database() + ".kafka_inc";
        String topic = TestKafka.uniquePrefix("cli-incremental");
        String gtids = live.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        // time for the first run of a JVM to start its producer and copy the table before the stop
        Instant stopAt = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        CompletableFuture<LiveCli> tail = CompletableFuture.supplyAsync(() -> LiveCli.tail(live, "--snapshot", table,
                "--snapshot-mode", "incremental", "--watermark", "gtid", "--start", gtids, "--include", table,
                "--chunk-size", "50", "--stop-at", "@" + stopAt, "--kafka", TestKafka.bootstrapServers(), "--topic",
                topic, "--topic-prefix", topic, "--exactly-once"));
        // the writes go on until just before the stop, as each chunk's window closes on a later binlog event, at a
        // pace the sink keeps up with: a copied row is stamped with the time it was read, and one read after the stop
        // time ends the stream
        Random random = new Random(5);
        while (Instant.now().isBefore(stopAt.minusMillis(800))) {
            Thread.sleep(50);
            int id = 1 + random.nextInt(400);
            switch (random.nextInt(3)) {
                case 0 -> live.execute("INSERT IGNORE INTO kafka_inc VALUES (" + id + ", 1)");
                case 1 -> live.execute("DELETE FROM kafka_inc WHERE id = " + id);
                default -> live.execute("UPDATE kafka_inc SET v = v + 1 WHERE id = " + id);
            }
        }
        while (Instant.now().isBefore(stopAt.plusMillis(1200))) {
            Thread.sleep(100);
        }
        // logged after --stop-at: the first event past it, which ends the tail unpublished
        live.execute("INSERT INTO kafka_inc VALUES (999999, 0)");
        LiveCli run = tail.get(60, TimeUnit.SECONDS);
        assertThat(run.status()).as(run.err()).isZero();
        live.execute("DELETE FROM kafka_inc WHERE id = 999999");

        // one key's records share a partition, in order: the last one is the row as it is (a tombstone: deleted)
        Map<String, String> last = new HashMap<>();
        List<ConsumerRecord<String, String>> records = TestKafka.read(topic, 300, READ_TIMEOUT);
        assertThat(records).as("copied rows").anySatisfy(r -> assertThat(r.value()).contains("\"op\":\"r\""));
        for (ConsumerRecord<String, String> record : records) {
            last.put(record.key(), record.value() == null ? null : JSON.readTree(record.value()).get("after")
                    .toString());
        }
        last.values().removeIf(after -> after == null || after.equals("null"));
        Map<String, String> rows = new HashMap<>();
        live.query("SELECT id, v FROM kafka_inc").forEach(r -> rows.put("{\"id\":" + r.get("id") + "}",
                "{\"id\":" + r.get("id") + ",\"v\":" + r.get("v") + "}"));
        assertThat(last).isEqualTo(rows);
    }

    @LiveTest
    void aSecondExactlyOnceRunFencesTheFirstWhichEndsWithOneLine(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS kafka_fence", "CREATE TABLE kafka_fence (id INT PRIMARY KEY)");
        String start = LiveCli.position(live);
        String table = live.database() + ".kafka_fence";
        String prefix = TestKafka.uniquePrefix("cli-fence");
        String topic = prefix + "." + table;
        String[] args = {"--start", start, "--include", table, "--kafka", TestKafka.bootstrapServers(),
            "--topic-prefix", prefix, "--exactly-once"};
        CompletableFuture<LiveCli> first = CompletableFuture.supplyAsync(() -> LiveCli.tail(live, args));
        live.execute("INSERT INTO kafka_fence VALUES (1)");
        assertThat(TestKafka.read(topic, 1, READ_TIMEOUT)).hasSize(1);

        String[] once = Arrays.copyOf(args, args.length + 1);
        once[args.length] = "--stop-at-end";
        LiveCli second = LiveCli.tail(live, once);
        assertThat(second.status()).as(second.err()).isZero();
        live.execute("INSERT INTO kafka_fence VALUES (2)");

        LiveCli fenced = first.get(60, TimeUnit.SECONDS);
        assertThat(fenced.status()).isEqualTo(BinlogCli.FAILURE);
        assertThat(fenced.err()).startsWith("binlog tail: Another instance with the same transactional.id took over"
                + " publishing this source (").endsWith("): this one stopped and publishes nothing more\n");
        assertThat(TestKafka.read(topic, 1, Duration.ofSeconds(5))).extracting(ConsumerRecord::key)
                .containsExactly("{\"id\":1}");
    }

    /** Maxwell records of the row with {@code id}, in order, as {@code type data old commit}. */
    private static List<String> describe(List<JsonNode> values, int id) {
        return values.stream().filter(v -> v.get("data").get("id").asInt() == id)
                .map(v -> v.get("type").asText() + " data=" + v.get("data") + " old=" + v.get("old")
                        + " commit=" + v.get("commit"))
                .toList();
    }
}
