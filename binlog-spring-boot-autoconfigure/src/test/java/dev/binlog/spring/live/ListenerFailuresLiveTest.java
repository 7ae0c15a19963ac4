package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Listener failures against a real server: retried, then the stream stops and nothing is skipped (the next start
 * delivers the failed change first); in skip mode the change is logged with its position and key, counted, and the
 * stream goes on; a NULL for a primitive stops the stream with an error naming the column, without retries.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerFailuresLiveTest {

    @TempDir
    Path dir;

    record Item(int id, String name) {
    }

    record StrictItem(int id, int quantity) {
    }

    static class ItemListener {
        final List<Integer> delivered = new CopyOnWriteArrayList<>();
        volatile int failOnId = -1;
        volatile int calls;

        @OnInsert(table = "${test.schema}.items", id = "items")
        void on(Item item) {
            calls++;
            if (item.id() == failOnId) {
                throw new IllegalStateException("downstream unavailable for item " + item.id());
            }
            delivered.add(item.id());
        }
    }

    static class StrictListener {
        volatile int calls;

        @OnInsert(table = "${test.schema}.stock", id = "strict")
        void on(StrictItem item) {
            calls++;
        }
    }

    private ApplicationContextRunner runner(LiveServer live, Path positions, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.path=" + positions,
                        "binlog.error-handling.backoff=10ms", "test.schema=" + live.database())
                .withPropertyValues(properties);
    }

    private Path positions(LiveServer live, String name) {
        return dir.resolve(live.server().name().replaceAll("\\W", "_") + "-" + name + ".position");
    }

    @LiveTest
    void failingListenerIsRetriedThenStopsTheStreamAndTheNextStartDeliversTheFailedChange(LiveServer live) {
        live.execute("DROP TABLE IF EXISTS items", "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
        Path positions = positions(live, "stop");
        ItemListener first = new ItemListener();
        first.failOnId = 2;
        runner(live, positions, "binlog.error-handling.retries=2").withBean(ItemListener.class, () -> first)
                .run(context -> {
                    live.execute("INSERT INTO items VALUES (1, 'cup')", "INSERT INTO items VALUES (2, 'pot')",
                            "INSERT INTO items VALUES (3, 'bag')");
                    BinlogClient client = context.getBean(BinlogClient.class);
                    await(() -> client.state() == ClientState.FAILED);
                    assertThat(client.state()).isEqualTo(ClientState.FAILED);
                    assertThat(client.lastError()).get().asString().contains("listener items failed on INSERT")
                            .contains("nothing is skipped");
                });
        assertThat(first.delivered).containsExactly(1);
        assertThat(first.calls).as("one delivery of item 1, three attempts at item 2").isEqualTo(4);

        ItemListener second = new ItemListener();
        runner(live, positions).withBean(ItemListener.class, () -> second)
                .run(context -> await(() -> second.delivered.size() >= 2));
        assertThat(second.delivered).as("resumed at the failed change").containsExactly(2, 3);
    }

    @LiveTest
    void skipModeLogsTheChangeWithPositionAndKeyCountsItAndGoesOn(LiveServer live, CapturedOutput output) {
        live.execute("DROP TABLE IF EXISTS items", "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
        ItemListener listener = new ItemListener();
        listener.failOnId = 2;
        runner(live, positions(live, "skip"), "binlog.error-handling.mode=skip", "binlog.error-handling.retries=1")
                .withBean(ItemListener.class, () -> listener)
                .run(context -> {
                    live.execute("INSERT INTO items VALUES (1, 'cup')", "INSERT INTO items VALUES (2, 'pot')",
                            "INSERT INTO items VALUES (3, 'bag')");
                    await(() -> listener.delivered.size() >= 2);
                    assertThat(context.getBean(BinlogClient.class).state()).isEqualTo(ClientState.STREAMING);
                    assertThat(context.getBean(ListenerDispatcher.class).statistics().get("items").skippedChanges())
                            .isEqualTo(1);
                });
        assertThat(listener.delivered).containsExactly(1, 3);
        assertThat(listener.calls).isEqualTo(4);
        assertThat(output.getOut() + output.getErr())
                .containsPattern("Listener items failed and the change was skipped: INSERT \\S+\\.items at "
                        + "\\S+:\\d+ key \\{id=2\\}");
    }

    @LiveTest
    void nullIntoAPrimitiveStopsTheStreamNamingTheColumnWithoutRetrying(LiveServer live) {
        live.execute("CREATE TABLE stock (id INT PRIMARY KEY, quantity INT NULL)");
        StrictListener listener = new StrictListener();
        runner(live, positions(live, "strict"), "binlog.error-handling.retries=3")
                .withBean(StrictListener.class, () -> listener)
                .run(context -> {
                    live.execute("INSERT INTO stock VALUES (1, NULL)");
                    BinlogClient client = context.getBean(BinlogClient.class);
                    await(() -> client.state() == ClientState.FAILED);
                    assertThat(client.lastError()).get().asString()
                            .contains("column 'quantity' is NULL but StrictItem.quantity is a primitive int");
                });
        assertThat(listener.calls).as("mapping failed before the method; never retried").isZero();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }
}
