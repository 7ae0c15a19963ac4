package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogPosition;
import dev.binlog.ClientState;
import dev.binlog.FencedException;
import dev.binlog.FencedPositionStore;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * Issue 19's fencing without an elector: the shared position row's epoch decides who may save, and a lease that ran
 * out stops a stream before it hands on another event.
 */
class FencingLiveTest {

    @LiveTest
    void aSaveByAnInstanceClaimedEarlierFailsAndChangesNothing(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS fenced_position");
        FencedPositionStore first = PositionStore.fencedJdbc(admin(live), "fenced_position", "orders");
        FencedPositionStore second = PositionStore.fencedJdbc(admin(live), "fenced_position", "orders");
        assertThat(first.currentClaim()).isEmpty();
        assertThatThrownBy(() -> first.save(new BinlogPosition("mysql-bin.000001", 4)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(first.claim("host-a/1").epoch()).isEqualTo(1);
        assertThat(first.load()).as("claimed before any save").isEmpty();
        first.save(new BinlogPosition("mysql-bin.000001", 400));
        assertThat(second.claim("host-b/2").epoch()).isEqualTo(2);
        assertThat(second.load()).contains(new BinlogPosition("mysql-bin.000001", 400));

        assertThatThrownBy(() -> first.save(new BinlogPosition("mysql-bin.000001", 999)))
                .isInstanceOf(FencedException.class)
                .hasMessageContaining("claimed by host-b/2 at epoch 2")
                .hasMessageContaining("this instance's claim at epoch 1");
        assertThat(second.load()).as("the deposed save changed nothing").contains(
                new BinlogPosition("mysql-bin.000001", 400));
        second.save(new BinlogPosition("mysql-bin.000001", 800));
        second.save(new BinlogPosition("mysql-bin.000001", 800));
        assertThat(first.currentClaim()).hasValueSatisfying(c -> {
            assertThat(c.epoch()).isEqualTo(2);
            assertThat(c.holder()).isEqualTo("host-b/2");
        });
        assertThat(live.query("SELECT name, position, epoch, holder FROM fenced_position")).extracting(r -> r.get("name")
                + " " + r.get("position") + " " + r.get("epoch") + " " + r.get("holder"))
                .containsExactly("orders mysql-bin.000001:800 2 host-b/2");
    }

    @LiveTest
    void claimsAtTheSameMomentGetDifferentEpochsAndAPlainTableGainsTheColumns(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS plain_position");
        PositionStore.jdbc(admin(live), "plain_position", "orders").save(new BinlogPosition("mysql-bin.000002", 4));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> epochs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String holder = "instance-" + i;
                epochs.add(pool.submit(() -> PositionStore.fencedJdbc(admin(live), "plain_position", "orders")
                        .claim(holder).epoch()));
            }
            Set<Long> distinct = ConcurrentHashMap.newKeySet();
            for (Future<Long> epoch : epochs) {
                distinct.add(epoch.get());
            }
            assertThat(distinct).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        } finally {
            pool.shutdownNow();
        }
        assertThat(PositionStore.fencedJdbc(admin(live), "plain_position", "orders").load())
                .contains(new BinlogPosition("mysql-bin.000002", 4));
    }

    @LiveTest
    void aStreamWhoseRowWasClaimedByAnotherStopsAtItsNextCommit(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS fence_rows", "DROP TABLE IF EXISTS stream_position",
                "CREATE TABLE fence_rows (id INT PRIMARY KEY)");
        FencedPositionStore mine = PositionStore.fencedJdbc(admin(live), "stream_position", "orders");
        mine.claim("me");
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        try (BinlogClient client = client(live, mine, change -> delivered.add(id(change)), () -> true)) {
            client.start();
            live.execute("INSERT INTO fence_rows VALUES (1)");
            await(() -> delivered.contains(1), "row 1");
            // row 1 is delivered before its commit is saved: the takeover comes after that save
            await(() -> client.committedPosition().isPresent(), "row 1's saved position");
            PositionStore.fencedJdbc(admin(live), "stream_position", "orders").claim("the other");
            live.execute("INSERT INTO fence_rows VALUES (2)", "INSERT INTO fence_rows VALUES (3)");
            await(() -> client.state() == ClientState.FAILED, "the stream's stop");
            assertThat(client.lastError()).containsInstanceOf(FencedException.class);
        }
        assertThat(delivered).as("at most the transaction in flight after the takeover").containsExactly(1, 2);
    }

    @LiveTest
    void aStreamWhoseLeaseRanOutDeliversNothingMore(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS lease_rows", "CREATE TABLE lease_rows (id INT PRIMARY KEY)");
        AtomicBoolean held = new AtomicBoolean(true);
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        try (BinlogClient client = client(live, PositionStore.inMemory(), change -> delivered.add(id(change)),
                held::get)) {
            client.start();
            live.execute("INSERT INTO lease_rows VALUES (1)");
            await(() -> delivered.contains(1), "row 1");
            held.set(false);
            live.execute("INSERT INTO lease_rows VALUES (2)");
            await(() -> client.state() == ClientState.FAILED, "the stream's stop");
            assertThat(client.lastError()).containsInstanceOf(FencedException.class);
            assertThat(client.lastError().orElseThrow()).hasMessageContaining("lease");
        }
        assertThat(delivered).containsExactly(1);
    }

    @LiveTest
    void aSnapshotWithoutTheLeaseCopiesNothing(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS lease_rows", "CREATE TABLE lease_rows (id INT PRIMARY KEY)",
                "INSERT INTO lease_rows VALUES (1), (2), (3)");
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED)
                .filter(TableFilter.builder().include(live.database() + ".lease_rows").build())
                .snapshot(dev.binlog.stream.SnapshotSettings.of(dev.binlog.stream.SnapshotMode.INITIAL_ONLY))
                .lease(() -> false).listener(change -> delivered.add(id(change))).build()) {
            client.start();
            await(() -> client.state() == ClientState.FAILED, "the copy's stop");
            assertThat(client.lastError()).containsInstanceOf(FencedException.class);
        }
        assertThat(delivered).isEmpty();
    }

    private static BinlogClient client(LiveServer live, PositionStore store, dev.binlog.ChangeListener listener,
            dev.binlog.Lease lease) {
        return BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(live.database() + ".fence_rows", live.database() + ".lease_rows")
                        .build())
                .positionStore(store).lease(lease).listener(listener).build();
    }

    private static int id(RowChange change) {
        return ((Number) change.after().get("id")).intValue();
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 20 s for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static DataSource admin(LiveServer live) throws SQLException {
        MariaDbDataSource dataSource = new MariaDbDataSource(live.jdbcUrl());
        dataSource.setUser(live.server().adminUser());
        dataSource.setPassword(live.server().adminPassword());
        return dataSource;
    }
}
