package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.actuate.BinlogEndpoint;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code binlog.error-handling.mode=dead-letter} against a real server: a listener that always throws leaves one
 * dead letter per change while another listener of the same table receives every change and the stream goes on;
 * a replayed dead letter reaches the (fixed) listener once, and a second replay is refused.
 */
class DeadLetterLiveTest {

    @TempDir
    Path dir;

    record Item(int id, String name) {
    }

    static class BrokenListener {
        final List<Item> delivered = new CopyOnWriteArrayList<>();
        volatile boolean broken = true;
        volatile int calls;

        @OnInsert(table = "${test.schema}.dl_items", id = "broken")
        void on(Item item) {
            calls++;
            if (broken) {
                throw new IllegalStateException("search index unavailable");
            }
            delivered.add(item);
        }
    }

    static class HealthyListener {
        final List<Integer> delivered = new CopyOnWriteArrayList<>();

        @OnInsert(table = "${test.schema}.dl_items", id = "healthy")
        void on(Item item) {
            delivered.add(item.id());
        }
    }

    @LiveTest
    void failingListenerLeavesOneDeadLetterPerChangeWhileTheOtherGetsEveryChangeAndAReplayArrivesOnce(
            LiveServer live) throws Exception {
        MariaDbDataSource dataSource = new MariaDbDataSource(live.jdbcUrl());
        dataSource.setUser(live.server().adminUser());
        dataSource.setPassword(live.server().adminPassword());
        live.execute("DROP TABLE IF EXISTS dl_items", "DROP TABLE IF EXISTS dead_letters_test",
                "CREATE TABLE dl_items (id INT PRIMARY KEY, name VARCHAR(20))");
        BrokenListener broken = new BrokenListener();
        HealthyListener healthy = new HealthyListener();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(DataSource.class, () -> dataSource)
                .withBean(BrokenListener.class, () -> broken)
                .withBean(HealthyListener.class, () -> healthy)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.path=" + dir.resolve("dl.position"),
                        "binlog.error-handling.mode=dead-letter", "binlog.error-handling.retries=1",
                        "binlog.error-handling.backoff=10ms",
                        "binlog.error-handling.dead-letter-table=dead_letters_test", "test.schema=" + live.database())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    live.execute("INSERT INTO dl_items VALUES (1, 'cup')", "INSERT INTO dl_items VALUES (2, 'pot')",
                            "INSERT INTO dl_items VALUES (3, 'bag')");
                    BinlogClient client = context.getBean(BinlogClient.class);
                    await(() -> healthy.delivered.size() >= 3 && broken.calls >= 6);
                    assertThat(healthy.delivered).containsExactly(1, 2, 3);
                    assertThat(broken.calls).as("each change tried twice (one retry)").isEqualTo(6);
                    assertThat(client.state()).isEqualTo(ClientState.STREAMING);

                    List<Map<String, Object>> rows = live.query("SELECT id, listener_id, table_name, row_key, "
                            + "position, gtid, error, payload, replayed_at FROM dead_letters_test ORDER BY id");
                    assertThat(rows).hasSize(3);
                    assertThat(rows).extracting(r -> r.get("listener_id")).containsOnly("broken");
                    assertThat(rows).extracting(r -> r.get("table_name")).containsOnly(live.database()
                            + ".dl_items");
                    assertThat(rows).extracting(r -> r.get("row_key")).containsExactly("{\"id\":1}", "{\"id\":2}",
                            "{\"id\":3}");
                    assertThat(rows).extracting(r -> String.valueOf(r.get("position")))
                            .allMatch(p -> p.matches("\\S+\\.\\d+:\\d+#0"));
                    assertThat(rows).extracting(r -> r.get("error"))
                            .containsOnly("java.lang.IllegalStateException: search index unavailable");
                    assertThat(String.valueOf(rows.get(1).get("payload"))).contains("\"type\":\"INSERT\"")
                            .contains("\"after\":{\"id\":2,\"name\":\"pot\"}").contains("\"before\":null");
                    assertThat(context.getBean(ListenerDispatcher.class).statistics().get("broken").deadLetters())
                            .isEqualTo(3);

                    BinlogEndpoint endpoint = new BinlogEndpoint(client, context.getBean(ListenerDispatcher.class),
                            Duration.ofSeconds(5));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> letters = (Map<String, Object>) endpoint.status().get("deadLetters");
                    assertThat(letters).containsEntry("count", 3L);
                    assertThat((List<?>) letters.get("latest")).hasSize(3);

                    long second = ((Number) rows.get(1).get("id")).longValue();
                    broken.broken = false;
                    var replayed = endpoint.control("replay", null, null, null, null, second, null);
                    assertThat(replayed.getStatus()).isEqualTo(200);
                    assertThat(replayed.getBody()).containsEntry("replayed", second)
                            .containsEntry("listener", "broken");
                    assertThat(broken.delivered).containsExactly(new Item(2, "pot"));
                    assertThat(live.query("SELECT replayed_at FROM dead_letters_test WHERE id = " + second).get(0)
                            .get("replayed_at")).isNotNull();

                    var again = endpoint.control("replay", null, null, null, null, second, null);
                    assertThat(again.getStatus()).isEqualTo(400);
                    assertThat(String.valueOf(again.getBody().get("error"))).contains("already replayed at");
                    var unknown = endpoint.control("replay", null, null, null, null, 999_999L, null);
                    assertThat(unknown.getStatus()).isEqualTo(400);
                    assertThat(String.valueOf(unknown.getBody().get("error"))).contains("no dead letter 999999");
                    assertThat(broken.delivered).as("the refused replays delivered nothing").hasSize(1);

                    live.execute("INSERT INTO dl_items VALUES (4, 'jar')");
                    await(() -> healthy.delivered.size() >= 4 && broken.delivered.size() >= 2);
                    assertThat(broken.delivered).containsExactly(new Item(2, "pot"), new Item(4, "jar"));
                    assertThat(client.state()).isEqualTo(ClientState.STREAMING);
                });
    }

    @LiveTest
    void aDeadLetterThatCannotBeWrittenStopsTheStreamWithThatError(LiveServer live) throws Exception {
        MariaDbDataSource dataSource = new MariaDbDataSource(live.jdbcUrl());
        dataSource.setUser(live.server().adminUser());
        dataSource.setPassword(live.server().adminPassword());
        live.execute("DROP TABLE IF EXISTS dl_items", "CREATE TABLE dl_items (id INT PRIMARY KEY, name VARCHAR(20))");
        BrokenListener broken = new BrokenListener();
        HealthyListener healthy = new HealthyListener();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(DataSource.class, () -> dataSource)
                .withBean(BrokenListener.class, () -> broken)
                .withBean(HealthyListener.class, () -> healthy)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.path=" + dir.resolve("dl-fail.position"),
                        "binlog.error-handling.mode=dead-letter", "binlog.error-handling.retries=0",
                        "binlog.error-handling.dead-letter-table=no_such_schema_dl.letters",
                        "test.schema=" + live.database())
                .run(context -> {
                    live.execute("INSERT INTO dl_items VALUES (1, 'cup')");
                    BinlogClient client = context.getBean(BinlogClient.class);
                    await(() -> client.state() == ClientState.FAILED);
                    assertThat(client.state()).isEqualTo(ClientState.FAILED);
                    assertThat(client.lastError()).get().asString()
                            .contains("could not write the dead letter of listener broken")
                            .contains("no_such_schema_dl.letters");
                });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }
}
