package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeType;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.actuate.BinlogHealthIndicator;
import dev.binlog.spring.actuate.BinlogMetrics;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code binlog.snapshot.mode=initial, kind=incremental}: the stream streams from the start while the rows that
 * existed before arrive, in key order, as READ changes to the listener that names READ, and the one that names no type
 * sees only the inserts, also one made while the table was being copied. Health is UP with the copy's progress.
 */
class IncrementalSnapshotListenerLiveTest {

    @TempDir
    Path dir;

    record Price(int id, BigDecimal price) {
    }

    static class Listeners {
        static final List<String> COPY_AND_FOLLOW = new CopyOnWriteArrayList<>();
        static final List<String> CHANGES_ONLY = new CopyOnWriteArrayList<>();

        static volatile CountDownLatch firstRow;
        static volatile CountDownLatch checked;

        @BinlogListener(table = "${test.schema}.prices", on = {ChangeType.READ, ChangeType.INSERT})
        void copyAndFollow(Price price, ChangeType type) throws InterruptedException {
            if (type == ChangeType.READ && price.id() == 1) {
                firstRow.countDown();
                checked.await(10, TimeUnit.SECONDS); // holds the copy while the test looks at health
            }
            COPY_AND_FOLLOW.add(type + " " + price.id() + " " + price.price());
        }

        @BinlogListener(table = "${test.schema}.prices")
        void changesOnly(Price price, ChangeType type) {
            CHANGES_ONLY.add(type + " " + price.id());
        }
    }

    @LiveTest
    void copiedRowsReachOnlyTheListenerThatNamesReadWhileTheStreamFlows(LiveServer live) throws Exception {
        Listeners.COPY_AND_FOLLOW.clear();
        Listeners.CHANGES_ONLY.clear();
        Listeners.firstRow = new CountDownLatch(1);
        Listeners.checked = new CountDownLatch(1);
        String db = live.database();
        live.execute("DROP TABLE IF EXISTS prices", "CREATE TABLE prices (id INT PRIMARY KEY, price DECIMAL(8,2))",
                "INSERT INTO prices VALUES (1, 1.50), (2, 2.75), (3, 10.00), (4, 4.25), (5, 0.99)",
                "CREATE TABLE IF NOT EXISTS binlog_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                        + " data VARCHAR(2048) NULL)",
                "GRANT INSERT, DELETE ON " + db + ".binlog_signal TO '" + LiveServer.REPLICATION_USER + "'@'%'");
        Path positions = dir.resolve(live.server().name().replaceAll("\\W", "_") + ".position");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(Listeners.class)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.path=" + positions,
                        "binlog.snapshot.mode=initial", "binlog.snapshot.kind=incremental",
                        "binlog.snapshot.chunk-size=2", "binlog.filter.include=" + db + ".prices",
                        "test.schema=" + db)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    BinlogClient client = context.getBean(BinlogClient.class);
                    BinlogHealthIndicator health = new BinlogHealthIndicator(client, Duration.ZERO, Clock.systemUTC());
                    assertThat(Listeners.firstRow.await(20, TimeUnit.SECONDS)).isTrue();
                    live.execute("INSERT INTO prices VALUES (6, 6.00)");
                    Health copying = health.health();
                    Listeners.checked.countDown();
                    assertThat(copying.getStatus()).isEqualTo(Status.UP);
                    assertThat(copying.getDetails().get("state")).as("an incremental copy streams meanwhile")
                            .isEqualTo("STREAMING");
                    assertThat(snapshot(copying)).containsEntry("state", "copying")
                            .containsEntry("table", db + ".prices").containsEntry("tables", 1)
                            .containsEntry("remainingTables", 1);
                    await(Listeners.CHANGES_ONLY, 1);
                    await(Listeners.COPY_AND_FOLLOW, 6);
                    live.execute("INSERT INTO prices VALUES (7, 7.00)");
                    await(Listeners.COPY_AND_FOLLOW, 7);
                    await(Listeners.CHANGES_ONLY, 2);
                    Health done = health.health();
                    assertThat(done.getStatus()).isEqualTo(Status.UP);
                    assertThat(snapshot(done)).containsEntry("state", "finished").containsEntry("rows", 5L)
                            .containsEntry("chunks", 3L).containsEntry("remainingTables", 0);
                    SimpleMeterRegistry meters = new SimpleMeterRegistry();
                    new BinlogMetrics(client, context.getBean(ListenerDispatcher.class), null, 10).bindTo(meters);
                    assertThat(meters.get("binlog.snapshot.rows").functionCounter().count()).isEqualTo(5.0);
                    assertThat(meters.get("binlog.snapshot.chunks").functionCounter().count()).isEqualTo(3.0);
                    assertThat(meters.get("binlog.snapshot.remaining.tables").gauge().value()).isZero();
                    assertThat(meters.get("binlog.snapshot.chunk").functionTimer().count()).isEqualTo(3.0);
                });
        assertThat(Listeners.COPY_AND_FOLLOW.stream().filter(r -> r.startsWith("READ")))
                .containsExactly("READ 1 1.50", "READ 2 2.75", "READ 3 10.00", "READ 4 4.25", "READ 5 0.99");
        assertThat(Listeners.COPY_AND_FOLLOW.stream().filter(r -> r.startsWith("INSERT")))
                .as("row 6 is above the key the copy stopped at: it comes from the stream alone")
                .containsExactly("INSERT 6 6.00", "INSERT 7 7.00");
        assertThat(Listeners.CHANGES_ONLY).containsExactly("INSERT 6", "INSERT 7");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> snapshot(Health health) {
        return (Map<String, Object>) health.getDetails().get("snapshot");
    }

    private static void await(List<String> received, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertThat(received).hasSize(count);
    }
}
