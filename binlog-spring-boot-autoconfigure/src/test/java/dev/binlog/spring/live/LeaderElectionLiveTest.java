package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.spring.BinlogLeadership;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.BinlogStateChangedEvent;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.actuate.BinlogHealthIndicator;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.autoconfigure.BinlogClusterAutoConfiguration;
import dev.binlog.spring.autoconfigure.BinlogHealthAutoConfiguration;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * {@code binlog.cluster.mode=leader} with two application contexts in one JVM sharing the live server as their
 * DataSource (lock table and JDBC position row in the test's database): exactly one streams; when the leader's
 * context closes, the other takes over within ttl + 2 s and continues from the committed position with no row lost;
 * health shows the role and the epoch, which the takeover raises.
 */
class LeaderElectionLiveTest {

    record Delivery(String instance, int id, long nanos) {
    }

    static final ConcurrentLinkedQueue<Delivery> DELIVERED = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> ROLES = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<Delivery> COPIED = new ConcurrentLinkedQueue<>();

    static class Recorder {
        @Value("${binlog.cluster.instance-id}")
        String instance;

        @OnInsert(table = "${test.schema}.ha_items")
        void on(Map<String, Object> row) {
            DELIVERED.add(new Delivery(instance, ((Number) row.get("id")).intValue(), System.nanoTime()));
        }

        @BinlogListener(table = "${test.schema}.snap_items", on = ChangeType.READ)
        void copied(Map<String, Object> row) throws InterruptedException {
            COPIED.add(new Delivery(instance, ((Number) row.get("id")).intValue(), System.nanoTime()));
            Thread.sleep(5); // a copy that lasts long enough to be cut by the takeover
        }

        @EventListener
        void on(BinlogStateChangedEvent event) {
            if (event.isRoleChange()) {
                ROLES.add(instance + " " + event.role() + (event.claim() == null ? "" : " " + event.claim().epoch()));
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({BinlogAutoConfiguration.class, BinlogClusterAutoConfiguration.class,
            BinlogHealthAutoConfiguration.class})
    static class App {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    private static ConfigurableApplicationContext start(LiveServer live, String instance, String... more)
            throws Exception {
        MariaDbDataSource dataSource = new MariaDbDataSource(live.jdbcUrl());
        dataSource.setUser(live.server().adminUser());
        dataSource.setPassword(live.server().adminPassword());
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .initializers(context -> context.getBeanFactory().registerSingleton("dataSource", dataSource))
                .properties("spring.main.banner-mode=off", "binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.position-store.type=jdbc", "binlog.position-store.table=ha_position",
                        "binlog.position-store.name=ha", "binlog.cluster.mode=leader",
                        "binlog.cluster.instance-id=" + instance, "binlog.cluster.ttl=3s",
                        "binlog.cluster.heartbeat=500ms", "binlog.filter.include=" + live.database() + ".ha_items",
                        "test.schema=" + live.database())
                .run(java.util.Arrays.stream(more).map(p -> "--" + p).toArray(String[]::new));
    }

    @LiveTest
    void oneInstanceStreamsAndTheOtherTakesOverWithoutLosingARow(LiveServer live) throws Exception {
        DELIVERED.clear();
        ROLES.clear();
        live.execute("DROP TABLE IF EXISTS ha_items", "DROP TABLE IF EXISTS ha_position",
                "DROP TABLE IF EXISTS INT_LOCK", "CREATE TABLE ha_items (id INT PRIMARY KEY)");
        AtomicInteger written = new AtomicInteger();
        ConfigurableApplicationContext a = start(live, "a");
        ConfigurableApplicationContext b = null;
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = null;
        try {
            BinlogLeadership leaderA = a.getBean(BinlogLeadership.class);
            await(() -> leaderA.role() == BinlogLeadership.Role.LEADER
                    && a.getBean(BinlogClient.class).state() == ClientState.STREAMING, 10_000, "a leads and streams");
            b = start(live, "b");
            BinlogLeadership leaderB = b.getBean(BinlogLeadership.class);
            for (int i = 0; i < 5; i++) {
                live.execute("INSERT INTO ha_items VALUES (" + written.incrementAndGet() + ")");
            }
            await(() -> DELIVERED.size() >= 5, 10_000, "five rows delivered");
            Thread.sleep(1500);
            assertThat(leaderB.role()).isEqualTo(BinlogLeadership.Role.STANDBY);
            assertThat(b.getBean(BinlogClient.class).state()).as("the standby never started").isEqualTo(ClientState.NEW);
            assertThat(DELIVERED).extracting(Delivery::instance).containsOnly("a");

            var healthA = a.getBean(BinlogHealthIndicator.class).health(true);
            var healthB = b.getBean(BinlogHealthIndicator.class).health(true);
            assertThat(healthA.getStatus()).isEqualTo(Status.UP);
            assertThat(healthA.getDetails()).containsEntry("role", "leader").containsEntry("state", "STREAMING");
            assertThat(cluster(healthA)).containsEntry("role", "leader").containsEntry("holder", "a")
                    .containsEntry("epoch", 1L).containsEntry("elections", 1L);
            assertThat(healthB.getStatus()).as("a standby is UP").isEqualTo(Status.UP);
            assertThat(healthB.getDetails()).containsEntry("role", "standby");
            assertThat(cluster(healthB)).containsEntry("role", "standby").containsEntry("instanceId", "b")
                    .containsEntry("holder", "a").containsEntry("epoch", 1L).containsEntry("elections", 0L);

            writer = new Thread(() -> {
                while (writing.get()) {
                    live.execute("INSERT INTO ha_items VALUES (" + written.incrementAndGet() + ")");
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            writer.start();
            Thread.sleep(500);
            long closing = System.nanoTime();
            a.close();
            BinlogClient clientB = b.getBean(BinlogClient.class);
            await(() -> leaderB.role() == BinlogLeadership.Role.LEADER && clientB.state() == ClientState.STREAMING,
                    5_000, "b takes over within ttl + 2 s");
            long takeoverMillis = (System.nanoTime() - closing) / 1_000_000;
            System.out.println("LeaderElectionLiveTest: b streams " + takeoverMillis + " ms after a's close began");
            Thread.sleep(500);
            writing.set(false);
            writer.join();
            int total = written.get();
            await(() -> DELIVERED.stream().mapToInt(Delivery::id).distinct().count() == total, 10_000,
                    "every committed row delivered");

            List<Integer> ids = DELIVERED.stream().map(Delivery::id).toList();
            assertThat(ids.stream().distinct()).as("no row lost").hasSize(total);
            assertThat(ids.size() - total).as("a drained its transaction and committed: no repeat").isZero();
            long lastOfA = DELIVERED.stream().filter(d -> d.instance().equals("a")).mapToLong(Delivery::nanos).max()
                    .orElseThrow();
            long firstOfB = DELIVERED.stream().filter(d -> d.instance().equals("b")).mapToLong(Delivery::nanos).min()
                    .orElseThrow();
            assertThat(firstOfB).as("b delivers only after a's last delivery").isGreaterThan(lastOfA);
            assertThat(cluster(b.getBean(BinlogHealthIndicator.class).health(true))).containsEntry("role", "leader")
                    .containsEntry("holder", "b").containsEntry("epoch", 2L).containsEntry("elections", 1L);
            assertThat(new ArrayList<>(ROLES)).containsExactly("a LEADER 1", "a STANDBY", "b LEADER 2");
            assertThat(live.queryString("SELECT holder FROM ha_position WHERE name = 'ha'")).isEqualTo("b");
        } finally {
            writing.set(false);
            if (writer != null) {
                writer.join();
            }
            a.close();
            if (b != null) {
                b.close();
            }
        }
    }

    /** The "once more with an incremental snapshot running at the first kill", with a graceful close. */
    @LiveTest
    void anIncrementalSnapshotInProgressContinuesOnTheNextLeader(LiveServer live) throws Exception {
        COPIED.clear();
        String db = live.database();
        StringBuilder rows = new StringBuilder();
        for (int id = 1; id <= 300; id++) {
            rows.append(id == 1 ? "" : ", ").append('(').append(id).append(')');
        }
        live.execute("DROP TABLE IF EXISTS ha_position", "DROP TABLE IF EXISTS INT_LOCK",
                "DROP TABLE IF EXISTS snap_items", "CREATE TABLE snap_items (id INT PRIMARY KEY)",
                "INSERT INTO snap_items VALUES " + rows,
                "CREATE TABLE IF NOT EXISTS binlog_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                        + " data VARCHAR(2048) NULL)",
                "GRANT INSERT, DELETE ON " + db + ".binlog_signal TO '" + LiveServer.REPLICATION_USER + "'@'%'");
        String[] snapshot = {"binlog.snapshot.mode=initial", "binlog.snapshot.kind=incremental",
                "binlog.snapshot.chunk-size=20", "binlog.snapshot.tables=" + db + ".snap_items",
                "binlog.filter.include=" + db + ".snap_items"};
        ConfigurableApplicationContext a = start(live, "a", snapshot);
        ConfigurableApplicationContext b = null;
        try {
            b = start(live, "b", snapshot);
            await(() -> COPIED.size() >= 60, 20_000, "a copied three chunks");
            assertThat(COPIED).extracting(Delivery::instance).containsOnly("a");
            a.close();
            await(() -> COPIED.stream().mapToInt(Delivery::id).distinct().count() == 300, 20_000,
                    "b finishes the copy");
            List<Integer> byA = COPIED.stream().filter(d -> d.instance().equals("a")).map(Delivery::id).toList();
            List<Integer> byB = COPIED.stream().filter(d -> d.instance().equals("b")).map(Delivery::id).toList();
            System.out.println("LeaderElectionLiveTest: a copied " + byA.size() + " rows (last " + byA.get(byA.size() - 1)
                    + "), b went on from row " + byB.get(0) + " with " + byB.size() + " rows");
            assertThat(byA).as("a's part: from the first row on, in key order").startsWith(1, 2, 3).isSorted();
            assertThat(byB).as("b goes on after a's last committed chunk, not from the start").isNotEmpty()
                    .doesNotContain(1).isSorted();
            assertThat(byB.get(0)).as("at most the chunk in flight again").isGreaterThan(byA.get(byA.size() - 1) - 20);
            BinlogClient clientB = b.getBean(BinlogClient.class);
            await(() -> clientB.snapshotProgress().map(p -> p.toString().contains("finished")).orElse(false)
                    || clientB.runningSnapshot().isEmpty(), 10_000, "b's copy finished");
        } finally {
            a.close();
            if (b != null) {
                b.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cluster(org.springframework.boot.health.contributor.Health health) {
        return (Map<String, Object>) health.getDetails().get("cluster");
    }

    private static void await(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
