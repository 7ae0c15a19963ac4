package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeType;
import dev.binlog.spring.BinlogListener;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /actuator/binlog {"action": "snapshot", "tables": [...]}} on a running application: the table is copied
 * afterwards, as READ changes, while the stream goes on; {@code snapshot-pause} holds the copy back until
 * {@code snapshot-resume}, {@code snapshot-cancel} ends it with its tables left; a table without a key, tables that
 * match nothing and a control with no snapshot in progress are refused with 400 saying why.
 */
class SnapshotActionLiveTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int webPort;

    record Item(int id, String name) {
    }

    static class Copies {
        final List<Integer> read = new CopyOnWriteArrayList<>();
        volatile CountDownLatch atFirstRow = new CountDownLatch(0);
        volatile CountDownLatch release = new CountDownLatch(0);

        @BinlogListener(table = "${test.schema}.items", on = ChangeType.READ, id = "copies")
        void on(Item item) throws InterruptedException {
            if (item.id() == 1 && release.getCount() > 0) {
                atFirstRow.countDown();
                release.await(10, TimeUnit.SECONDS); // holds the stream's thread inside the first chunk
            }
            read.add(item.id());
        }

        /** The next copy of row 1 waits until {@link #release()}. */
        void holdAtFirstRow() {
            atFirstRow = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        void release() {
            release.countDown();
        }
    }

    /** Not a {@code @Configuration}, so that the other live tests' component scans do not pick it up. */
    @EnableAutoConfiguration
    static class SnapshotApplication {
        @Bean
        Copies copies() {
            return new Copies();
        }
    }

    @LiveTest
    void anOperatorAsksForAndControlsAnIncrementalSnapshot(LiveServer live) throws Exception {
        String db = live.database();
        live.execute("DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS nokey",
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')",
                "CREATE TABLE nokey (v INT)",
                "CREATE TABLE IF NOT EXISTS binlog_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                        + " data VARCHAR(2048) NULL)",
                "GRANT INSERT, DELETE ON " + db + ".binlog_signal TO '" + LiveServer.REPLICATION_USER + "'@'%'");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SnapshotApplication.class).properties(
                "server.port=0", "spring.main.banner-mode=off", "binlog.host=" + live.host(),
                "binlog.port=" + live.port(), "binlog.username=" + LiveServer.REPLICATION_USER,
                "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                "binlog.fail-fast=true", "binlog.position-store.type=memory", "binlog.snapshot.chunk-size=1",
                "binlog.filter.include=" + db + ".items," + db + ".nokey", "test.schema=" + db,
                "management.endpoints.web.exposure.include=health,binlog,metrics",
                "management.endpoint.health.show-details=always",
                "management.endpoint.binlog.access=unrestricted").run();
        try {
            webPort = ((WebServerApplicationContext) app).getWebServer().getPort();
            Copies copies = app.getBean(Copies.class);
            assertThat(get("/actuator/binlog").path("state").asText()).isEqualTo("STREAMING");
            assertThat(copies.read).as("no snapshot before it is asked for").isEmpty();

            assertThat(post("{\"action\":\"snapshot-pause\"}")).startsWith("400 ")
                    .contains("no incremental snapshot is in progress to pause (client STREAMING)");
            assertThat(post("{\"action\":\"snapshot\",\"tables\":[\"" + db + ".nokey\"]}")).startsWith("400 ")
                    .contains(db + ".nokey");
            assertThat(post("{\"action\":\"snapshot\",\"tables\":[\"nowhere.*\"]}")).startsWith("400 ")
                    .contains("match no table");

            copies.holdAtFirstRow();
            String asked = post("{\"action\":\"snapshot\",\"tables\":[\"" + db + ".items\"]}");
            assertThat(asked).startsWith("200 ");
            JsonNode handle = JSON.readTree(asked.substring(4));
            assertThat(handle.path("state").asText()).isEqualTo("STREAMING");
            assertThat(handle.at("/snapshot/id").asText()).isNotBlank();
            assertThat(handle.at("/snapshot/tables").toString()).isEqualTo("[\"" + db + ".items\"]");
            assertThat(copies.atFirstRow.await(20, TimeUnit.SECONDS)).as("copied after the POST").isTrue();

            JsonNode health = get("/actuator/health").at("/components/binlog");
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/state").asText()).isEqualTo("STREAMING");
            assertThat(health.at("/details/snapshot/state").asText()).isEqualTo("copying");
            assertThat(health.at("/details/snapshot/table").asText()).isEqualTo(db + ".items");
            assertThat(post("{\"action\":\"snapshot-pause\"}")).startsWith("200 ");
            copies.release();
            await(() -> copies.read.size() >= 1, "the chunk in flight delivered");
            Thread.sleep(1500);
            int whilePaused = copies.read.size();
            Thread.sleep(1000);
            assertThat(copies.read).as("no chunk read while paused").hasSize(whilePaused);
            assertThat(whilePaused).isLessThan(4);
            JsonNode paused = get("/actuator/binlog");
            assertThat(paused.path("state").asText()).isEqualTo("STREAMING");
            assertThat(paused.at("/snapshot/state").asText()).isEqualTo("copying");
            assertThat(paused.at("/snapshot/rows").asLong()).isEqualTo(whilePaused);
            assertThat(paused.at("/committedPosition/snapshot").asText()).as("progress kept in the position")
                    .contains(";table;" + db + ".items;");

            assertThat(post("{\"action\":\"snapshot-resume\"}")).startsWith("200 ");
            await(() -> copies.read.size() == 4, "the rest copied after the resume");
            assertThat(copies.read).containsExactly(1, 2, 3, 4);
            await(() -> get("/actuator/binlog").at("/snapshot/state").asText().equals("finished"), "finished");
            JsonNode finished = get("/actuator/binlog").path("snapshot");
            assertThat(finished.path("rows").asLong()).isEqualTo(4);
            assertThat(finished.path("remainingTables").asInt()).isZero();

            copies.holdAtFirstRow();
            assertThat(post("{\"action\":\"snapshot\",\"tables\":[\"" + db + ".items\"]}")).startsWith("200 ");
            assertThat(copies.atFirstRow.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(post("{\"action\":\"snapshot-cancel\"}")).startsWith("200 ");
            copies.release();
            await(() -> get("/actuator/binlog").at("/snapshot/state").asText().equals("stopped"), "stopped");
            Thread.sleep(500);
            assertThat(copies.read.size()).as("the second copy ended early").isBetween(5, 7);
            assertThat(get("/actuator/metrics/binlog.snapshot.rows").at("/measurements/0/value").asDouble())
                    .as("rows of both snapshots").isEqualTo(copies.read.size());
            assertThat(get("/actuator/metrics/binlog.snapshot.remaining.tables").at("/measurements/0/value")
                    .asDouble()).isZero();
        } finally {
            app.close();
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort
                    + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String post(String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort
                + "/actuator/binlog")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
