package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeType;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.actuate.BinlogHealthIndicator;
import dev.binlog.spring.actuate.BinlogMetrics;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.stream.BinlogClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
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
 * {@code binlog.snapshot.mode=initial}: a listener that names READ receives the rows that existed before the
 * application started, then the later changes; a listener that names no type sees only the later changes.
 */
class SnapshotListenerLiveTest {

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
    void snapshotRowsReachOnlyTheListenerThatNamesRead(LiveServer live) throws Exception {
        Listeners.COPY_AND_FOLLOW.clear();
        Listeners.CHANGES_ONLY.clear();
        Listeners.firstRow = new CountDownLatch(1);
        Listeners.checked = new CountDownLatch(1);
        live.execute("DROP TABLE IF EXISTS prices", "CREATE TABLE prices (id INT PRIMARY KEY, price DECIMAL(8,2))",
                "INSERT INTO prices VALUES (1, 1.50), (2, 2.75), (3, 10.00)");
        Path positions = dir.resolve(live.server().name().replaceAll("\\W", "_") + ".position");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(Listeners.class)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.path=" + positions,
                        "binlog.snapshot.mode=initial", "binlog.snapshot.chunk-size=2",
                        "binlog.filter.include=" + live.database() + ".prices", "test.schema=" + live.database())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    BinlogClient client = context.getBean(BinlogClient.class);
                    BinlogHealthIndicator health = new BinlogHealthIndicator(client, Duration.ZERO, Clock.systemUTC());
                    assertThat(Listeners.firstRow.await(20, TimeUnit.SECONDS)).isTrue();
                    Health copying = health.health();
                    Listeners.checked.countDown();
                    assertThat(copying.getStatus()).as("a long copy is not a failed start").isEqualTo(Status.UP);
                    assertThat(copying.getDetails().get("state")).isEqualTo("SNAPSHOTTING");
                    assertThat(snapshot(copying)).containsEntry("state", "copying")
                            .containsEntry("table", live.database() + ".prices");
                    await(Listeners.COPY_AND_FOLLOW, 3);
                    live.execute("INSERT INTO prices VALUES (4, 4.00)");
                    await(Listeners.COPY_AND_FOLLOW, 4);
                    await(Listeners.CHANGES_ONLY, 1);
                    assertThat(snapshot(health.health())).containsEntry("state", "finished").containsEntry("rows", 3L)
                            .containsEntry("chunks", 2L).containsEntry("remainingTables", 0);
                    SimpleMeterRegistry meters = new SimpleMeterRegistry();
                    new BinlogMetrics(client, context.getBean(ListenerDispatcher.class), null, 10).bindTo(meters);
                    assertThat(meters.get("binlog.snapshot.rows").functionCounter().count()).isEqualTo(3.0);
                    assertThat(meters.get("binlog.snapshot.remaining.tables").gauge().value()).isZero();
                    assertThat(meters.get("binlog.snapshot.chunk").functionTimer().count()).isEqualTo(2.0);
                });
        assertThat(Listeners.COPY_AND_FOLLOW).containsExactly("READ 1 1.50", "READ 2 2.75", "READ 3 10.00",
                "INSERT 4 4.00");
        assertThat(Listeners.CHANGES_ONLY).containsExactly("INSERT 4");
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
