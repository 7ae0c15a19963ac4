package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tail --snapshot}: Maxwell's bootstrap records, then the stream; as SQL, a copy that, applied to an empty
 * table while writers change the source, ends equal to it.
 */
class SnapshotTailLiveTest {

    @LiveTest
    void jsonWritesMaxwellBootstrapRecordsThenTheStream(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS snap_cli", "CREATE TABLE snap_cli (id INT PRIMARY KEY, name VARCHAR(10))",
                "INSERT INTO snap_cli VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        String table = live.database() + ".snap_cli";

        LiveCli run = LiveCli.tail(live, "--snapshot", table, "--include", table, "--chunk-size", "2",
                "--stop-at-end");

        assertThat(run.status()).as(run.err()).isZero();
        ObjectMapper mapper = JsonMapper.builder().build();
        List<JsonNode> lines = run.out().lines().map(mapper::readTree).toList();
        assertThat(lines).extracting(l -> l.get("type").asText()).containsExactly("bootstrap-start",
                "bootstrap-insert", "bootstrap-insert", "bootstrap-insert", "bootstrap-complete");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("database").asText()).isEqualTo(live.database());
            assertThat(l.get("table").asText()).isEqualTo("snap_cli");
        });
        assertThat(lines.get(2).get("data").toString()).isEqualTo("{\"id\":2,\"name\":\"two\"}");
        assertThat(lines.get(0).get("data").toString()).isEqualTo("{}");
    }

    @LiveTest
    void sqlOutputBuildsACopyThatStaysEqualWhileWritersRun(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS snap_src", "DROP TABLE IF EXISTS snap_copy",
                "CREATE TABLE snap_src (id INT PRIMARY KEY, v INT NOT NULL, name VARCHAR(20)) CHARACTER SET utf8mb4",
                "INSERT INTO snap_src SELECT seq, 0, CONCAT('row ', seq) FROM seq_1_to_2000",
                "CREATE TABLE snap_copy LIKE snap_src");
        String table = live.database() + ".snap_src";
        // a whole second: the server's event timestamps are whole seconds
        Instant stopAt = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        CompletableFuture<LiveCli> tail = CompletableFuture.supplyAsync(() -> LiveCli.tail(live, "--snapshot", table,
                "--include", table, "--chunk-size", "7", "--format", "sql", "--stop-at", "@" + stopAt));
        Random random = new Random(42);
        for (int op = 0; op < 300; op++) {
            int id = 1 + random.nextInt(2500);
            switch (random.nextInt(4)) {
                case 0 -> live.execute("INSERT IGNORE INTO snap_src VALUES (" + id + ", 0, 'new')");
                case 1 -> live.execute("DELETE FROM snap_src WHERE id = " + id);
                case 2 -> live.execute("UPDATE IGNORE snap_src SET id = id + 3000 WHERE id = " + id);
                default -> live.execute("UPDATE snap_src SET v = v + 1, name = 'changed' WHERE id = " + id);
            }
        }
        while (Instant.now().isBefore(stopAt.plusMillis(1200))) {
            Thread.sleep(100);
        }
        // logged at least a second after --stop-at: the first event past it, which ends the tail unprinted
        live.execute("INSERT INTO snap_src VALUES (999999, 0, 'after the stop')");
        LiveCli run = tail.get(60, TimeUnit.SECONDS);
        assertThat(run.status()).as(run.err()).isZero();
        live.execute("DELETE FROM snap_src WHERE id = 999999");

        LiveCli.apply(live, run.out().replace("`snap_src`", "`snap_copy`"));

        assertThat(Integer.parseInt(count(live, "snap_src"))).isGreaterThan(1500);
        assertThat(count(live, "snap_copy")).isEqualTo(count(live, "snap_src"));
        assertThat(checksum(live, "snap_copy")).isEqualTo(checksum(live, "snap_src"));
    }

    private static String count(LiveServer live, String table) {
        return live.queryString("SELECT COUNT(*) FROM " + table);
    }

    private static String checksum(LiveServer live, String table) {
        return String.valueOf(live.query("CHECKSUM TABLE " + table).get(0).get("Checksum"));
    }
}
