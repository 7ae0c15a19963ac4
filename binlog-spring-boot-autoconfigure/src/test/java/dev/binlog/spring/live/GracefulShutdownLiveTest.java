package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.OnInsert;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The application shut down while a listener is in the middle of a transaction: within
 * {@code spring.lifecycle.timeout-per-shutdown-phase} the rest of the transaction is delivered and its position
 * committed, so the restarted application continues with the next transaction, repeating nothing; past that timeout
 * the application stops anyway and the unfinished transaction is delivered again at the next start, losing nothing.
 */
class GracefulShutdownLiveTest {

    private static final int ROWS = 20;

    @TempDir
    Path dir;

    record Entry(int id, int tx) {
    }

    static class SlowListener {
        final List<Integer> received = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);
        private final long millisPerRow;

        SlowListener(long millisPerRow) {
            this.millisPerRow = millisPerRow;
        }

        @OnInsert("${test.schema}.journal")
        void on(Entry entry) throws InterruptedException {
            received.add(entry.id());
            first.countDown();
            Thread.sleep(millisPerRow);
        }
    }

    private String start;

    private ApplicationContextRunner runner(LiveServer live, Path positions, SlowListener listener,
            String shutdownPhase) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(SlowListener.class, () -> listener)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.path=" + positions,
                        "binlog.start-position=" + start, "binlog.filter.include=" + live.database() + ".journal",
                        "spring.lifecycle.timeout-per-shutdown-phase=" + shutdownPhase,
                        "test.schema=" + live.database());
    }

    private void writeTransactions(LiveServer live, int firstTx, int count) throws Exception {
        var status = live.query("SHOW MASTER STATUS").get(0);
        start = status.get("File") + ":" + status.get("Position");
        try (Connection c = live.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int tx = firstTx; tx < firstTx + count; tx++) {
                for (int r = 1; r <= ROWS; r++) {
                    s.execute("INSERT INTO journal VALUES (" + (tx * 100 + r) + ", " + tx + ")");
                }
                c.commit();
            }
        }
    }

    @LiveTest
    void shutdownMidTransactionFinishesItAndTheRestartContinuesWithTheNext(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS journal", "CREATE TABLE journal (id INT PRIMARY KEY, tx INT)");
        writeTransactions(live, 1, 2);
        Path positions = dir.resolve(live.server().name().replaceAll("\\W", "_") + "-drain.position");

        SlowListener first = new SlowListener(20);
        runner(live, positions, first, "30s").run(context -> {
            assertThat(context).hasNotFailed();
            first.first.await(20, TimeUnit.SECONDS);
        });
        assertThat(first.received).as("the transaction in flight, whole; nothing of the next")
                .hasSize(ROWS).allMatch(id -> id / 100 == 1);

        SlowListener second = new SlowListener(0);
        runner(live, positions, second, "30s").run(context -> awaitSize(second.received, ROWS));
        assertThat(second.received).as("restart continues with the next transaction").hasSize(ROWS)
                .allMatch(id -> id / 100 == 2);
    }

    @LiveTest
    void shutdownPhaseTimeoutBoundsTheDrainAndTheUnfinishedTransactionIsDeliveredAgain(LiveServer live)
            throws Exception {
        live.execute("DROP TABLE IF EXISTS journal", "CREATE TABLE journal (id INT PRIMARY KEY, tx INT)");
        writeTransactions(live, 1, 1);
        Path positions = dir.resolve(live.server().name().replaceAll("\\W", "_") + "-timeout.position");

        SlowListener slow = new SlowListener(300);
        long[] closeMillis = new long[1];
        runner(live, positions, slow, "1s").run(context -> {
            assertThat(context).hasNotFailed();
            slow.first.await(20, TimeUnit.SECONDS);
            closeMillis[0] = System.nanoTime();
            context.close();
            closeMillis[0] = (System.nanoTime() - closeMillis[0]) / 1_000_000;
        });
        assertThat(closeMillis[0]).as("shutdown took (ms)").isLessThan(3_000);
        assertThat(slow.received).as("cut short by the timeout").hasSizeLessThan(ROWS);

        SlowListener again = new SlowListener(0);
        runner(live, positions, again, "30s").run(context -> awaitSize(again.received, ROWS));
        assertThat(again.received).as("the unfinished transaction, delivered again whole").hasSize(ROWS)
                .allMatch(id -> id / 100 == 1);
    }

    private static void awaitSize(List<Integer> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }
}
