package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code close(drainTimeout)} asked for while a slow listener is inside a transaction: the listener receives the rest
 * of that transaction, its position is committed, nothing of the next transaction is delivered, and a new client on
 * the same store starts exactly with the next transaction.
 */
class GracefulCloseLiveTest {

    private static final int ROWS_PER_TRANSACTION = 20;

    @TempDir
    Path dir;

    @LiveTest
    void closeFinishesTheTransactionInFlightAndCommitsItsPosition(LiveServer live) throws Exception {
        live.execute("CREATE TABLE drained (id INT PRIMARY KEY, tx INT)");
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        StartPosition start = StartPosition.at(status.get("File").toString(),
                Long.parseLong(status.get("Position").toString()));
        try (Connection c = live.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int tx = 1; tx <= 3; tx++) {
                for (int r = 1; r <= ROWS_PER_TRANSACTION; r++) {
                    s.execute("INSERT INTO drained VALUES (" + (tx * 100 + r) + ", " + tx + ")");
                }
                c.commit();
            }
        }
        Path store = dir.resolve(live.server().name().replaceAll("\\W", "_") + ".position");

        List<Integer> first = new CopyOnWriteArrayList<>();
        CountDownLatch insideFirstTransaction = new CountDownLatch(1);
        ChangeListener slow = new Recorder(first) {
            @Override
            public void onChange(RowChange change) throws Exception {
                super.onChange(change);
                insideFirstTransaction.countDown();
                Thread.sleep(25);
            }
        };
        BinlogPosition committed;
        try (BinlogClient client = client(live, start, store, slow)) {
            client.start();
            assertThat(insideFirstTransaction.await(20, TimeUnit.SECONDS)).as("first row delivered").isTrue();
            client.close(Duration.ofSeconds(20));
            committed = client.committedPosition().orElseThrow();
        }
        assertThat(first).as("the whole first transaction, nothing of the second")
                .hasSize(ROWS_PER_TRANSACTION).allMatch(id -> id / 100 == 1);
        assertThat(PositionStore.file(store).load()).contains(committed);

        List<Integer> second = new CopyOnWriteArrayList<>();
        try (BinlogClient client = client(live, start, store, new Recorder(second))) {
            client.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (second.size() < 2 * ROWS_PER_TRANSACTION && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(second).as("the restart begins with the next transaction").hasSize(2 * ROWS_PER_TRANSACTION)
                .allMatch(id -> id / 100 >= 2);
        assertThat(second.get(0)).isEqualTo(201);
    }

    private static BinlogClient client(LiveServer live, StartPosition start, Path store, ChangeListener listener) {
        return BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(start)
                .filter(TableFilter.builder().include(live.database() + ".drained").build())
                .positionStore(PositionStore.file(store)).listener(listener).build();
    }

    private static class Recorder implements ChangeListener {
        private final List<Integer> ids;

        Recorder(List<Integer> ids) {
            this.ids = ids;
        }

        @Override
        public void onChange(RowChange change) throws Exception {
            ids.add((Integer) change.after().get("id"));
        }
    }
}
