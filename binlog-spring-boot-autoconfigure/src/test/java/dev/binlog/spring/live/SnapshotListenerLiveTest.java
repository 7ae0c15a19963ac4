package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeType;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
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

        @BinlogListener(table = "${test.schema}.prices", on = {ChangeType.READ, ChangeType.INSERT})
        void copyAndFollow(Price price, ChangeType type) {
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
                    await(Listeners.COPY_AND_FOLLOW, 3);
                    live.execute("INSERT INTO prices VALUES (4, 4.00)");
                    await(Listeners.COPY_AND_FOLLOW, 4);
                    await(Listeners.CHANGES_ONLY, 1);
                });
        assertThat(Listeners.COPY_AND_FOLLOW).containsExactly("READ 1 1.50", "READ 2 2.75", "READ 3 10.00",
                "INSERT 4 4.00");
        assertThat(Listeners.CHANGES_ONLY).containsExactly("INSERT 4");
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
