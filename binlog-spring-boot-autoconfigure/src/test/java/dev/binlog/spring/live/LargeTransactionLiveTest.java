package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.spring.BinlogChange;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.spring.listener.ListenerStatistics;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A 12,000-row {@code INSERT ... SELECT} with a per-transaction listener whose limit is 10,000 rows (the default), in
 * skip mode: the per-row listener receives every row once, the per-transaction listener skips that transaction (a
 * WARN naming it) and receives the next one, the stream goes on, and a restart delivers nothing again.
 */
@ExtendWith(OutputCaptureExtension.class)
class LargeTransactionLiveTest {

    @TempDir
    Path dir;

    record Num(int id, int n) {
    }

    static class Listeners {
        final AtomicInteger perRow = new AtomicInteger();
        final List<Integer> transactions = new CopyOnWriteArrayList<>();

        @OnInsert(table = "${test.schema}.numbers", id = "perRow")
        void row(Num num) {
            perRow.incrementAndGet();
        }

        @OnInsert(table = "${test.schema}.numbers", id = "perTransaction")
        void transaction(List<BinlogChange<Num>> changes) {
            transactions.add(changes.size());
        }
    }

    private ApplicationContextRunner runner(LiveServer live, Path positions, Listeners listeners) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(Listeners.class, () -> listeners)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.path=" + positions,
                        "binlog.error-handling.mode=skip", "binlog.filter.include=" + live.database() + ".numbers",
                        "test.schema=" + live.database());
    }

    @LiveTest
    void aTransactionOverTheLimitIsSkippedForTheBatchListenerOnlyAndNeverDeliveredAgain(LiveServer live,
            CapturedOutput output) throws Exception {
        live.execute("DROP TABLE IF EXISTS numbers", "CREATE TABLE numbers (id INT PRIMARY KEY, n INT)");
        Path positions = dir.resolve(live.server().name().replaceAll("\\W", "_") + ".position");
        Listeners first = new Listeners();
        runner(live, positions, first).run(context -> {
            live.execute("INSERT INTO numbers SELECT seq, seq FROM seq_1_to_12000",
                    "INSERT INTO numbers VALUES (20001, 1), (20002, 2)");
            await(() -> first.perRow.get() == 12_002 && first.transactions.size() == 1);
            assertThat(context.getBean(BinlogClient.class).state()).isEqualTo(ClientState.STREAMING);
            ListenerStatistics batch = context.getBean(ListenerDispatcher.class).statistics().get("perTransaction");
            assertThat(batch.skippedChanges()).isEqualTo(1);
            assertThat(batch.lastError()).contains("has more than 10000 rows (binlog.listener.max-transaction-rows)");
            assertThat(context.getBean(ListenerDispatcher.class).statistics().get("perRow").failures()).isZero();
        });
        assertThat(first.perRow.get()).as("every row once to the per-row listener").isEqualTo(12_002);
        assertThat(first.transactions).as("the large transaction skipped, the next delivered").containsExactly(2);
        assertThat(output).containsPattern("Listener perTransaction failed and the transaction at \\S+:\\d+ was "
                + "skipped for it \\(dev.binlog.spring.listener.TransactionTooLargeException: listener perTransaction "
                + "takes whole transactions, but the one at \\S+:\\d+ \\(row at \\S+:\\d+\\) has more than 10000 rows");

        Listeners restarted = new Listeners();
        runner(live, positions, restarted).run(context -> Thread.sleep(1500));
        assertThat(restarted.perRow.get()).as("nothing delivered again after a restart").isZero();
        assertThat(restarted.transactions).isEmpty();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
