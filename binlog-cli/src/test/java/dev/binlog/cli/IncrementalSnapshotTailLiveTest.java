package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tail --snapshot --snapshot-mode incremental}: the copy's chunks come between the stream's transactions while
 * writers change the table; as SQL applied to an empty table the result ends equal to the source, and as JSON a
 * consumer applying every record ends with the table's rows.
 */
class IncrementalSnapshotTailLiveTest {

    @LiveTest
    void sqlOutputBuildsACopyThatStaysEqualWhileWritersRun(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS inc_src", "DROP TABLE IF EXISTS inc_copy",
                "CREATE TABLE inc_src (id INT PRIMARY KEY, v INT NOT NULL, name VARCHAR(20)) CHARACTER SET utf8mb4",
                "INSERT INTO inc_src SELECT seq, 0, CONCAT('row ', seq) FROM seq_1_to_2000",
                "CREATE TABLE inc_copy LIKE inc_src");
        grantSignalTable(live);
        String table = live.database() + ".inc_src";
        // a whole second: the server's event timestamps are whole seconds
        Instant stopAt = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        CompletableFuture<LiveCli> tail = CompletableFuture.supplyAsync(() -> LiveCli.tail(live, "--snapshot", table,
                "--snapshot-mode", "incremental", "--include", table, "--chunk-size", "20", "--format", "sql",
                "--stop-at", "@" + stopAt));
        Writers writers = new Writers(live, "inc_src", 2500);
        writers.runFor(4_000);
        while (Instant.now().isBefore(stopAt.plusMillis(1200))) {
            Thread.sleep(100);
        }
        // logged at least a second after --stop-at: the first event past it, which ends the tail unprinted
        live.execute("INSERT INTO inc_src VALUES (999999, 0, 'after the stop')");
        LiveCli run = tail.get(60, TimeUnit.SECONDS);
        assertThat(run.status()).as(run.err()).isZero();
        live.execute("DELETE FROM inc_src WHERE id = 999999");

        List<String> statements = run.out().lines().toList();
        int lastUpsert = lastIndexOf(statements, "ON DUPLICATE KEY UPDATE");
        int firstStreamed = firstIndexOf(statements, "DELETE FROM");
        assertThat(firstStreamed).as("a streamed change between the copy's chunks").isBetween(0, lastUpsert);
        assertThat(statements).noneMatch(s -> s.startsWith("INSERT INTO") && s.contains("VALUES (1, 0, 'row 1');"));
        LiveCli.apply(live, run.out().replace("`inc_src`", "`inc_copy`"));

        assertThat(Integer.parseInt(count(live, "inc_src"))).isGreaterThan(1500);
        assertThat(count(live, "inc_copy")).isEqualTo(count(live, "inc_src"));
        assertThat(checksum(live, "inc_copy")).isEqualTo(checksum(live, "inc_src"));
    }

    @LiveTest
    void jsonBootstrapRecordsInterleaveWithTheStreamUnderTheGtidWatermark(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS inc_json", "CREATE TABLE inc_json (id INT PRIMARY KEY, v INT NOT NULL,"
                + " name VARCHAR(20))", "INSERT INTO inc_json SELECT seq, 0, 'x' FROM seq_1_to_600");
        String table = live.database() + ".inc_json";
        String gtids = live.queryString("SELECT @@GLOBAL.gtid_binlog_pos");
        Instant stopAt = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        CompletableFuture<LiveCli> tail = CompletableFuture.supplyAsync(() -> LiveCli.tail(live, "--snapshot", table,
                "--snapshot-mode", "incremental", "--watermark", "gtid", "--start", gtids, "--include", table,
                "--chunk-size", "10", "--stop-at", "@" + stopAt));
        new Writers(live, "inc_json", 700).runFor(3_000);
        while (Instant.now().isBefore(stopAt.plusMillis(1200))) {
            Thread.sleep(100);
        }
        live.execute("INSERT INTO inc_json VALUES (999999, 0, 'after the stop')");
        LiveCli run = tail.get(60, TimeUnit.SECONDS);
        assertThat(run.status()).as(run.err()).isZero();
        live.execute("DELETE FROM inc_json WHERE id = 999999");

        ObjectMapper mapper = JsonMapper.builder().build();
        List<JsonNode> records = run.out().lines().map(mapper::readTree).toList();
        List<String> types = records.stream().map(r -> r.get("type").asText()).toList();
        assertThat(types.stream().filter(t -> t.equals("bootstrap-start"))).hasSize(1);
        assertThat(types.stream().filter(t -> t.equals("bootstrap-complete"))).hasSize(1);
        int start = types.indexOf("bootstrap-start");
        int complete = types.indexOf("bootstrap-complete");
        assertThat(types.subList(0, start)).doesNotContain("bootstrap-insert");
        assertThat(types.subList(complete, types.size())).doesNotContain("bootstrap-insert");
        assertThat(types.subList(start, complete)).as("stream records between the chunks").contains("update");
        Map<Integer, String> applied = new HashMap<>();
        for (JsonNode record : records) {
            JsonNode data = record.get("data");
            JsonNode old = record.get("old");
            if (old != null && old.has("id")) {
                applied.remove(old.get("id").asInt());
            }
            switch (record.get("type").asText()) {
                case "bootstrap-insert", "insert", "update" -> applied.put(data.get("id").asInt(),
                        data.get("v").asInt() + " " + data.get("name").asText());
                case "delete" -> applied.remove(data.get("id").asInt());
                default -> { }
            }
        }
        Map<Integer, String> source = new HashMap<>();
        live.query("SELECT id, v, name FROM inc_json").forEach(r -> source.put(((Number) r.get("id")).intValue(),
                r.get("v") + " " + r.get("name")));
        assertThat(applied).isEqualTo(source);
    }

    /** The signal table as the tests' root creates it, with what the table watermark needs of the account. */
    static void grantSignalTable(LiveServer live) {
        live.execute("CREATE TABLE IF NOT EXISTS binlog_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                        + " data VARCHAR(2048) NULL)",
                "GRANT INSERT, DELETE ON " + live.database() + ".binlog_signal TO '" + LiveServer.REPLICATION_USER
                        + "'@'%'");
    }

    /** Two threads of random single-row inserts, deletes, key moves and updates on {@code table}. */
    private record Writers(LiveServer live, String table, int ids) {

        void runFor(long millis) throws InterruptedException {
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread[] threads = new Thread[2];
            for (int t = 0; t < threads.length; t++) {
                Random random = new Random(42 + t);
                threads[t] = new Thread(() -> {
                    while (writing.get()) {
                        write(random);
                    }
                });
                threads[t].start();
            }
            Thread.sleep(millis);
            writing.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }

        private void write(Random random) {
            int id = 1 + random.nextInt(ids);
            switch (random.nextInt(4)) {
                case 0 -> live.execute("INSERT IGNORE INTO " + table + " VALUES (" + id + ", 0, 'new')");
                case 1 -> live.execute("DELETE FROM " + table + " WHERE id = " + id);
                case 2 -> live.execute("UPDATE IGNORE " + table + " SET id = id + 3000 WHERE id = " + id);
                default -> live.execute("UPDATE " + table + " SET v = v + 1, name = 'changed' WHERE id = " + id);
            }
        }
    }

    private static int firstIndexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<String> lines, String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static String count(LiveServer live, String table) {
        return live.queryString("SELECT COUNT(*) FROM " + table);
    }

    private static String checksum(LiveServer live, String table) {
        return String.valueOf(live.query("CHECKSUM TABLE " + table).get(0).get("Checksum"));
    }
}
