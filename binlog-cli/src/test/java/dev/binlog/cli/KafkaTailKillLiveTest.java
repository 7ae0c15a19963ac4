package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import dev.binlog.testsupport.TestKafka;
import dev.binlog.testsupport.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tail --kafka} in a JVM of its own, killed with SIGKILL three times at random moments while a writer commits
 * 300 transactions of 20 rows, and restarted each time: with {@code --exactly-once} a {@code read_committed} consumer
 * sees every row exactly once; at least once ({@code --position-file}) it sees every row, and again only rows of the
 * transaction that was in flight at a kill. Runs on the first live server only (two child-JVM runs per server would
 * double the module's build time for no other server behaviour).
 */
class KafkaTailKillLiveTest {

    private static final int TRANSACTIONS = 300;
    private static final int ROWS_PER_TRANSACTION = 20;
    private static final int KILLS = 3;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @LiveTest
    void exactlyOnceKilledMidTransactionPublishesEveryRowOnce(LiveServer live) throws Exception {
        onFirstServerOnly(live);
        String prefix = TestKafka.uniquePrefix("cli-kill-eos");
        Map<String, Integer> copies = new HashMap<>();
        Set<Integer> ids = new TreeSet<>();
        for (Row row : killAndRestart(live, prefix, "kafka_eos_feed", List.of("--exactly-once"))) {
            copies.merge(row.place(), 1, Integer::sum);
            ids.add(row.id());
        }

        assertThat(copies).as("rows published more than once, by binlog place").allSatisfy((place, n) ->
                assertThat(n).as(place).isOne());
        assertThat(copies).hasSize(TRANSACTIONS * ROWS_PER_TRANSACTION);
        assertThat(ids).isEqualTo(tableIds(live, "kafka_eos_feed"));
    }

    @LiveTest
    void atLeastOnceKilledMidTransactionRepublishesOnlyTheTransactionsInFlight(LiveServer live) throws Exception {
        onFirstServerOnly(live);
        String prefix = TestKafka.uniquePrefix("cli-kill-alo");
        Path positions = dir.resolve("tail.position");
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Integer> transactionOf = new HashMap<>();
        Set<Integer> ids = new TreeSet<>();
        for (Row row : killAndRestart(live, prefix, "kafka_alo_feed",
                List.of("--position-file", positions.toString()))) {
            copies.merge(row.place(), 1, Integer::sum);
            transactionOf.put(row.place(), row.transaction());
            ids.add(row.id());
        }

        assertThat(copies).hasSize(TRANSACTIONS * ROWS_PER_TRANSACTION);
        assertThat(ids).isEqualTo(tableIds(live, "kafka_alo_feed"));
        // a kill leaves the transactions in flight (sent, not yet acknowledged and saved) beyond the saved position;
        // the restart publishes them again from there: consecutive transactions, one run of them per kill
        Set<Integer> republished = new TreeSet<>();
        copies.forEach((place, n) -> {
            if (n > 1) {
                republished.add(transactionOf.get(place));
            }
        });
        int runs = 0;
        int previous = Integer.MIN_VALUE;
        for (int transaction : republished) {
            if (transaction != previous + 1) {
                runs++;
            }
            previous = transaction;
        }
        assertThat(runs).as("runs of consecutive transactions published again: " + republished)
                .isLessThanOrEqualTo(KILLS);
        assertThat(copies.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(KILLS + 1));
    }

    /** One published row: where it is in the binlog, its id and its writer transaction. */
    private record Row(String place, int id, int transaction) {
    }

    private List<Row> killAndRestart(LiveServer live, String prefix, String table, List<String> delivery)
            throws Exception {
        live.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table
                + " (id INT AUTO_INCREMENT PRIMARY KEY, tx INT NOT NULL, r INT NOT NULL)");
        String start = LiveCli.position(live);
        Thread writer = new Thread(() -> write(live, table), "writer");
        writer.start();
        String topic = prefix + "." + live.database() + "." + table;
        Random random = new Random(prefix.hashCode());
        try (SentRecords sent = new SentRecords(topic)) {
            for (int kill = 0; kill < KILLS; kill++) {
                Process tail = start(live, prefix, table, start, delivery, false);
                // killed while it publishes: once this run sent two transactions' worth, at a random moment after
                sent.awaitMore(2 * ROWS_PER_TRANSACTION, Duration.ofSeconds(30));
                Thread.sleep(random.nextInt(400));
                tail.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        writer.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(writer.isAlive()).as("writer finished").isFalse();
        Process last = start(live, prefix, table, start, delivery, true);
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).as("the last run catches up and ends").isTrue();
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertThat(last.exitValue()).as("last run's exit status; standard error: %s", err).isZero();
        assertThat(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8)).as("standard output").isEmpty();

        List<Row> rows = new ArrayList<>();
        for (ConsumerRecord<String, String> record : TestKafka.read(topic, TRANSACTIONS * ROWS_PER_TRANSACTION, Duration.ofSeconds(60))) {
            JsonNode value = JSON.readTree(record.value());
            JsonNode source = value.get("source");
            JsonNode after = value.get("after");
            assertThat(value.get("op").asText()).isEqualTo("c");
            rows.add(new Row(source.get("file").asText() + ":" + source.get("pos").asLong() + "#"
                    + source.get("row").asInt(), after.get("id").asInt(), after.get("tx").asInt()));
        }
        return rows;
    }

    /** The records sent to a topic so far, committed or not ({@code read_uncommitted}): how far a run got. */
    private static final class SentRecords implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private long count;

        SentRecords(String topic) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "kill-watch-" + topic,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                    new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(topic));
        }

        void awaitMore(int records, Duration timeout) {
            long target = count + records;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count < target) {
                assertThat(System.nanoTime()).as("%d more records sent within %s", records, timeout)
                        .isLessThan(deadline);
                count += consumer.poll(Duration.ofMillis(50)).count();
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** Commits the transactions, each of two 10-row INSERTs, a little apart so that the kills fall among them. */
    private static void write(LiveServer live, String table) {
        try (Connection c = live.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int tx = 1; tx <= TRANSACTIONS; tx++) {
                for (int half = 0; half < 2; half++) {
                    StringBuilder insert = new StringBuilder("INSERT INTO " + table + " (tx, r) VALUES ");
                    for (int r = 0; r < ROWS_PER_TRANSACTION / 2; r++) {
                        insert.append(r == 0 ? "" : ", ").append('(').append(tx).append(", ")
                                .append(half * ROWS_PER_TRANSACTION / 2 + r).append(')');
                    }
                    s.execute(insert.toString());
                }
                c.commit();
                Thread.sleep(30);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Process start(LiveServer live, String prefix, String table, String start, List<String> delivery,
            boolean stopAtEnd) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BinlogCli.class.getName(), "tail",
                "-H", live.host(), "-P", String.valueOf(live.port()), "-u", LiveServer.REPLICATION_USER,
                "--password-env", "TAIL_TEST_PW", "--ssl-mode", "disabled", "--start", start,
                "--include", live.database() + "." + table, "--kafka", TestKafka.bootstrapServers(),
                "--topic-prefix", prefix));
        command.addAll(delivery);
        if (stopAtEnd) {
            command.add("--stop-at-end");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.txt").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("err.txt").toFile()));
        builder.environment().put("TAIL_TEST_PW", LiveServer.REPLICATION_PASSWORD);
        return builder.start();
    }

    private static Set<Integer> tableIds(LiveServer live, String table) {
        Set<Integer> ids = new TreeSet<>();
        for (Map<String, Object> row : live.query("SELECT id FROM " + table)) {
            ids.add(((Number) row.get("id")).intValue());
        }
        return ids;
    }

    private static void onFirstServerOnly(LiveServer live) {
        Assumptions.assumeTrue(live.server() == TestServers.all().get(0),
                "the kill test runs on the first live server only");
    }
}
