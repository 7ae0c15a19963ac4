package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.OnInsert;
import dev.binlog.testsupport.MariaDbProcess;
import dev.binlog.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator sees and does, against a real web server and a MariaDB process this test stops and starts:
 * health UP, DOWN with the reason after the reconnect grace while the server is down, UP again after it returns;
 * the readiness group (not liveness) includes the indicator; positions advance; pause holds deliveries back and
 * resume delivers them all in order; a refused action answers 400 saying why; stop is OUT_OF_SERVICE (not DOWN), and
 * stop, reposition and start replay from the position given; MariaDB's gtid_strict_mode is shown as such; the rows metric
 * counts the rows; and neither the password nor a value written into a row appears in any response or in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsEndToEndLiveTest {

    private static final String PASSWORD = "Ops-Pa55word-7d1c";
    private static final String MARKER = "ROW-MARKER-5b2e9";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static MariaDbProcess server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> responses = new ArrayList<>();
    private int webPort;

    record Event(int id, String note) {
    }

    static class Recorder {
        final List<Integer> ids = new CopyOnWriteArrayList<>();

        @OnInsert(table = "ops.events", id = "recorder")
        void on(Event event) {
            ids.add(event.id());
        }
    }

    @SpringBootApplication(proxyBeanMethods = false)
    static class OpsApplication {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServers.startPrivateEmbedded("ops");
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE ops");
            s.execute("CREATE TABLE ops.events (id INT PRIMARY KEY, note VARCHAR(40))");
            s.execute("CREATE USER 'ops_repl'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            s.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO 'ops_repl'@'%'");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void operatorSeesAndControlsTheStream(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(OpsApplication.class).properties(
                "server.port=0", "spring.main.banner-mode=off",
                "binlog.host=127.0.0.1", "binlog.port=" + server.port(), "binlog.username=ops_repl",
                "binlog.password=" + PASSWORD, "binlog.ssl.mode=disabled", "binlog.position-store.type=memory",
                "binlog.connection.heartbeat=1s", "binlog.connection.initial-backoff=200ms",
                "binlog.connection.max-backoff=1s", "binlog.health.reconnect-grace=2s",
                "management.endpoints.web.exposure.include=health,binlog,metrics",
                "management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true",
                "management.endpoint.binlog.access=unrestricted").run();
        try {
            webPort = ((WebServerApplicationContext) app).getWebServer().getPort();
            Recorder recorder = app.getBean(Recorder.class);

            await(() -> binlogHealth().equals("UP"), "binlog UP");
            assertThat(status("/actuator/health/readiness")).isEqualTo("UP");
            String before = get("/actuator/binlog");
            assertThat(before).contains("\"state\":\"STREAMING\"");
            assertThat(before).as("MariaDB's gtid_strict_mode, not a gtid_mode").contains("\"gtidStrictMode\":\"OFF\"")
                    .doesNotContain("gtidMode");
            String startFile = field(before, "file");
            long startPosition = Long.parseLong(field(before, "position"));

            insert(1, 2, 3);
            await(() -> recorder.ids.size() == 3, "three rows delivered");
            String after = get("/actuator/binlog");
            assertThat(Long.parseLong(field(after, "position"))).as("position advanced").isGreaterThan(startPosition);
            assertThat(after).contains("\"recorder\":{\"invocations\":3");

            assertThat(post("{\"action\":\"pause\"}")).contains("PAUSED");
            await(() -> binlogHealth().equals("OUT_OF_SERVICE"), "paused");
            // The readiness group (not liveness) follows the binlog indicator; probe groups show no components.
            assertThat(status("/actuator/health/readiness")).isEqualTo("OUT_OF_SERVICE");
            assertThat(status("/actuator/health/liveness")).isEqualTo("UP");
            insert(4, 5, 6);
            Thread.sleep(1000);
            assertThat(recorder.ids).as("nothing delivered while paused").containsExactly(1, 2, 3);
            assertThat(post("{\"action\":\"resume\"}")).contains("STREAMING");
            await(() -> recorder.ids.size() == 6, "held-back rows delivered");
            assertThat(recorder.ids).containsExactly(1, 2, 3, 4, 5, 6);

            String rows = get("/actuator/metrics/binlog.rows?tag=table:events&tag=type:insert");
            assertThat(rows).contains("\"statistic\":\"COUNT\",\"value\":6.0");
            assertThat(get("/actuator/metrics/binlog.listener.invocations?tag=listener.id:recorder"))
                    .contains("\"statistic\":\"COUNT\",\"value\":6.0");

            server.stop();
            await(() -> binlogHealth().equals("DOWN"), "DOWN after the grace");
            String down = get("/actuator/health");
            assertThat(down).contains("\"state\":\"RECONNECTING\"").contains("\"error\":");
            assertThat(status("/actuator/health/readiness")).isEqualTo("DOWN");
            assertThat(status("/actuator/health/liveness")).isEqualTo("UP");
            server.start();
            await(() -> binlogHealth().equals("UP"), "UP again");
            insert(7);
            await(() -> recorder.ids.size() == 7, "row after the server came back");

            assertThat(post("{\"action\":\"position\",\"file\":\"" + startFile + "\",\"position\":" + startPosition
                    + "}")).as("refused while running, saying why").startsWith("400 ").contains("\"error\":\"the start "
                    + "position can only be changed while the client is stopped (it is STREAMING); stop it first (POST "
                    + "{\\\"action\\\": \\\"stop\\\"})\"");
            assertThat(post("{\"action\":\"stop\"}")).contains("STOPPED");
            assertThat(binlogHealth()).as("a deliberate stop is not an outage").isEqualTo("OUT_OF_SERVICE");
            assertThat(post("{\"action\":\"position\",\"file\":\"" + startFile + "\",\"position\":" + startPosition
                    + "}")).contains("STOPPED");
            assertThat(post("{\"action\":\"start\"}")).doesNotContain("error");
            await(() -> recorder.ids.size() == 14, "replayed from the position set");
            assertThat(recorder.ids.subList(7, 14)).containsExactly(1, 2, 3, 4, 5, 6, 7);
        } finally {
            app.close();
        }
        for (String body : responses) {
            assertThat(body).doesNotContain(PASSWORD).doesNotContain(MARKER);
        }
        assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain(MARKER);
        assertThat(responses).hasSizeGreaterThan(10);
    }

    private void insert(int... ids) throws Exception {
        try (Connection c = server.adminConnection("ops"); Statement s = c.createStatement()) {
            for (int id : ids) {
                s.execute("INSERT INTO events VALUES (" + id + ", '" + MARKER + "')");
            }
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort
                + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        responses.add(response.body());
        return response.body();
    }

    private String binlogHealth() throws Exception {
        return JSON.readTree(get("/actuator/health")).at("/components/binlog/status").asText();
    }

    private String status(String path) throws Exception {
        return JSON.readTree(get(path)).at("/status").asText();
    }

    private String post(String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort
                + "/actuator/binlog")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        responses.add(response.body());
        return response.statusCode() + " " + response.body();
    }

    /** The first value of a JSON field in the current position ({@code "currentPosition":{"file":..}}). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"currentPosition\":\\{[^}]*\"" + name + "\":\"?([^\",}]+)").matcher(json);
        assertThat(m.find()).as(name + " of currentPosition in " + json).isTrue();
        return m.group(1);
    }

    private static void await(Check condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
