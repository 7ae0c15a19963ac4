package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.spring.BinlogStateChangedEvent;
import org.springframework.context.event.EventListener;
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
 * The starter end to end against a real server: an application context whose {@code @BinlogListener} method takes a
 * record receives inserts and updates made over JDBC, in order; restarted on the same position file it resumes after
 * the last change it handled, losing and repeating nothing.
 */
class BinlogStarterLiveTest {

    @TempDir
    Path dir;

    record Product(int id, String name, BigDecimal price) {
    }

    static class ProductListener {
        static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

        @BinlogListener(table = "${test.schema}.products", on = {ChangeType.INSERT, ChangeType.UPDATE})
        void onProduct(Product product, ChangeType type) {
            RECEIVED.add(type + " " + product.id() + " " + product.name() + " " + product.price());
        }
    }

    static class StateEvents {
        static final List<ClientState> SEEN = new CopyOnWriteArrayList<>();

        @EventListener
        void on(BinlogStateChangedEvent event) {
            SEEN.add(event.current());
        }
    }

    private ApplicationContextRunner runner(LiveServer live, Path positions) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(ProductListener.class)
                .withBean(StateEvents.class)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.path=" + positions,
                        "test.schema=" + live.database());
    }

    @LiveTest
    void recordListenerReceivesChangesAndResumesAfterRestart(LiveServer live) throws Exception {
        ProductListener.RECEIVED.clear();
        StateEvents.SEEN.clear();
        live.execute("DROP TABLE IF EXISTS products",
                "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(8,2))");
        Path positions = dir.resolve(live.server().name().replaceAll("\\W", "_") + ".position");

        runner(live, positions).run(context -> {
            assertThat(context).hasNotFailed();
            live.execute("INSERT INTO products VALUES (1, 'cup', 7.50)",
                    "UPDATE products SET price = 8.00 WHERE id = 1",
                    "INSERT INTO products VALUES (2, 'pot', 30.00)");
            awaitReceived(3);
        });
        live.execute("INSERT INTO products VALUES (3, 'bag', 2.25)", "UPDATE products SET name = 'mug' WHERE id = 1");

        runner(live, positions).run(context -> awaitReceived(5));

        assertThat(StateEvents.SEEN).as("application events").contains(ClientState.CONNECTING,
                ClientState.STREAMING, ClientState.STOPPED);
        assertThat(ProductListener.RECEIVED).containsExactly(
                "INSERT 1 cup 7.50",
                "UPDATE 1 cup 8.00",
                "INSERT 2 pot 30.00",
                "INSERT 3 bag 2.25",
                "UPDATE 1 mug 8.00");
    }

    private static void awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ProductListener.RECEIVED.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200); // nothing more may arrive
        assertThat(ProductListener.RECEIVED).hasSize(count);
    }
}
