package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ChangeListener;
import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotHandle;
import dev.binlog.stream.SnapshotKind;
import dev.binlog.stream.SnapshotMode;
import dev.binlog.stream.SnapshotSettings;
import dev.binlog.stream.SnapshotWatermark;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The incremental snapshot on a real server: asked for at start, by the API and by signal rows; paused, resumed and
 * stopped; read-only with GTID watermarks; across a DDL. Convergence under writers: {@link SnapshotConvergenceLiveTest}.
 */
class IncrementalSnapshotLiveTest {

    @LiveTest
    void theGtidWatermarkCopiesWithAnAccountThatMayOnlyRead(LiveServer live) throws Exception {
        String db = live.database();
        live.execute("DROP TABLE IF EXISTS inc_gtid", "CREATE TABLE inc_gtid (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO inc_gtid SELECT seq, 0 FROM seq_1_to_100");
        Applier applier = new Applier();
        try (BinlogClient client = client(live, "inc_gtid", SnapshotSettings.of(SnapshotMode.INITIAL)
                .withKind(SnapshotKind.INCREMENTAL).withWatermark(SnapshotWatermark.GTID)
                .withSignalTable("no_such_signals").withChunkSize(9), applier)) {
            client.start();
            live.execute("UPDATE inc_gtid SET v = 1 WHERE id IN (5, 50, 95)", "DELETE FROM inc_gtid WHERE id = 60",
                    "INSERT INTO inc_gtid VALUES (101, 7)");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (applier.markers.stream().noneMatch(m -> m.kind() == SnapshotMarker.Kind.SNAPSHOT_FINISHED)) {
                assertThat(client.state()).as("state, %s", client.lastError()).isNotEqualTo(ClientState.FAILED);
                assertThat(System.nanoTime()).as("snapshot finished; markers " + applier.markers)
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            while (!applier.rows.containsKey(101)) {
                assertThat(System.nanoTime()).as("caught up").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        Map<Integer, Integer> table = new HashMap<>();
        live.query("SELECT id, v FROM inc_gtid").forEach(r -> table.put(((Number) r.get("id")).intValue(),
                ((Number) r.get("v")).intValue()));
        assertThat(applier.rows).isEqualTo(table);
        assertThat(live.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_NAME = 'no_such_signals'"))
                .as("nothing written").isEmpty();
    }

    @LiveTest
    void aSnapshotAskedForWhileStreamingCopiesTheTableAndRefusesOneWithoutAKey(LiveServer live) throws Exception {
        String db = live.database();
        live.execute("DROP TABLE IF EXISTS inc_api", "DROP TABLE IF EXISTS inc_nokey",
                "CREATE TABLE inc_api (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO inc_api SELECT seq, seq FROM seq_1_to_50", "CREATE TABLE inc_nokey (id INT, v INT)");
        signalTable(live);
        Applier applier = new Applier();
        try (BinlogClient client = client(live, "inc_*", SnapshotSettings.never().withChunkSize(8), applier)) {
            client.start();
            assertThat(client.runningSnapshot()).isEmpty();
            assertThatThrownBy(() -> client.snapshot(db + ".inc_nokey")).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("inc_nokey has no primary key");
            assertThatThrownBy(() -> client.snapshot(db + ".no_such_table")).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("match no table");
            SnapshotHandle handle = client.snapshot(db + ".inc_api");
            assertThat(handle.tables()).containsExactly(db + ".inc_api");
            awaitMarker(applier, SnapshotMarker.Kind.SNAPSHOT_FINISHED);
            assertThat(handle.progress()).hasValueSatisfying(p -> {
                assertThat(p.finished()).isTrue();
                assertThat(p.rows()).isEqualTo(50);
                assertThat(p.chunks()).isEqualTo(7);
            });
            assertThat(client.runningSnapshot()).isEmpty();
            assertThat(client.committedPosition()).hasValueSatisfying(p -> assertThat(p.snapshot()).isNull());
        }
        assertThat(applier.rows).hasSize(50).containsEntry(1, 1).containsEntry(50, 50);
        assertThat(applier.markers).extracting(SnapshotMarker::kind).containsExactly(
                SnapshotMarker.Kind.SNAPSHOT_STARTED, SnapshotMarker.Kind.TABLE_STARTED,
                SnapshotMarker.Kind.TABLE_FINISHED, SnapshotMarker.Kind.SNAPSHOT_FINISHED);
    }

    @LiveTest
    void signalRowsAskForASnapshotAndPauseResumeAndStopIt(LiveServer live) throws Exception {
        String db = live.database();
        live.execute("DROP TABLE IF EXISTS inc_sig", "DROP TABLE IF EXISTS inc_sig2",
                "CREATE TABLE inc_sig (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO inc_sig SELECT seq, seq FROM seq_1_to_60",
                "CREATE TABLE inc_sig2 (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO inc_sig2 SELECT seq, seq FROM seq_1_to_500");
        signalTable(live);
        Applier applier = new Applier();
        try (BinlogClient client = client(live, "inc_sig*", SnapshotSettings.never().withChunkSize(5), applier)) {
            client.start();
            // a pause with no snapshot in progress is ignored: it must not hold the next one back
            live.execute("INSERT INTO binlog_signal VALUES ('dba-0', 'pause-snapshot', NULL)",
                    "INSERT INTO binlog_signal VALUES ('dba-1', 'execute-snapshot',"
                            + " '{\"data-collections\": [\"" + db + ".inc_sig\"], \"type\": \"incremental\"}')",
                    "INSERT INTO binlog_signal VALUES ('dba-2', 'pause-snapshot', NULL)");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (applier.reads == 0) {
                assertThat(System.nanoTime()).as("first chunk").isLessThan(deadline);
                Thread.sleep(10);
            }
            Thread.sleep(1000);
            int paused = applier.reads;
            assertThat(paused).as("rows copied while paused").isLessThan(60);
            Thread.sleep(500);
            assertThat(applier.reads).as("no chunk while paused").isEqualTo(paused);
            assertThat(client.runningSnapshot()).hasValueSatisfying(h -> assertThat(h.id()).isEqualTo("dba-1"));
            live.execute("INSERT INTO binlog_signal VALUES ('dba-3', 'resume-snapshot', NULL)");
            awaitMarker(applier, SnapshotMarker.Kind.SNAPSHOT_FINISHED);
            assertThat(applier.reads).isEqualTo(60);

            applier.markers.clear();
            live.execute("INSERT INTO binlog_signal VALUES ('dba-4', 'execute-snapshot', '" + db + ".inc_sig2')",
                    "INSERT INTO binlog_signal VALUES ('dba-5', 'stop-snapshot', NULL)");
            awaitMarker(applier, SnapshotMarker.Kind.SNAPSHOT_FINISHED);
            assertThat(applier.markers.get(applier.markers.size() - 1).rows()).as("rows before the stop")
                    .isLessThan(500);
            assertThat(client.runningSnapshot()).isEmpty();
        }
    }

    @LiveTest
    void aColumnAddedBetweenChunksIsInTheLaterChunksAndEvents(LiveServer live) throws Exception {
        String db = live.database();
        live.execute("DROP TABLE IF EXISTS inc_ddl", "CREATE TABLE inc_ddl (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO inc_ddl SELECT seq, seq FROM seq_1_to_30");
        signalTable(live);
        java.util.concurrent.CountDownLatch altered = new java.util.concurrent.CountDownLatch(1);
        List<RowChange> changes = new CopyOnWriteArrayList<>();
        Applier applier = new Applier() {
            @Override
            public void onChange(RowChange change) {
                changes.add(change);
                super.onChange(change);
                if (change.type() == ChangeType.READ && reads == 10) {
                    try {
                        altered.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (BinlogClient client = client(live, "inc_ddl", SnapshotSettings.of(SnapshotMode.INITIAL)
                .withKind(SnapshotKind.INCREMENTAL).withChunkSize(5), applier)) {
            client.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (applier.reads < 10) {
                assertThat(System.nanoTime()).as("two chunks").isLessThan(deadline);
                Thread.sleep(10);
            }
            live.execute("ALTER TABLE inc_ddl ADD COLUMN extra VARCHAR(10) NOT NULL DEFAULT 'new'");
            altered.countDown();
            awaitMarker(applier, SnapshotMarker.Kind.SNAPSHOT_FINISHED);
            live.execute("INSERT INTO inc_ddl VALUES (31, 31, 'streamed')");
            while (!applier.rows.containsKey(31)) {
                assertThat(System.nanoTime()).as("the insert").isLessThan(deadline);
                Thread.sleep(10);
            }
        }
        List<RowChange> read = changes.stream().filter(c -> c.type() == ChangeType.READ).toList();
        assertThat(read).hasSize(30);
        assertThat(read.subList(0, 10)).allSatisfy(c -> assertThat(c.after().columnNames()).containsExactly("id", "v"));
        assertThat(read.subList(10, 30)).allSatisfy(c -> assertThat(c.after().asMap()).containsEntry("extra", "new"));
        RowChange streamed = changes.get(changes.size() - 1);
        assertThat(streamed.after().asMap()).containsEntry("id", 31).containsEntry("extra", "streamed");
    }

    private static void signalTable(LiveServer live) {
        live.execute("CREATE TABLE IF NOT EXISTS binlog_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                + " data VARCHAR(2048) NULL)", "GRANT INSERT, DELETE ON " + live.database() + ".binlog_signal TO '"
                + LiveServer.REPLICATION_USER + "'@'%'");
    }

    private static BinlogClient client(LiveServer live, String tables, SnapshotSettings snapshot,
            ChangeListener listener) {
        return BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(live.database() + "." + tables).build())
                .positionStore(PositionStore.inMemory()).snapshot(snapshot).listener(listener).build();
    }

    private static void awaitMarker(Applier applier, SnapshotMarker.Kind kind) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (applier.markers.stream().noneMatch(m -> m.kind() == kind)) {
            assertThat(System.nanoTime()).as("a " + kind + " marker; markers " + applier.markers).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    static class Applier implements ChangeListener {
        final Map<Integer, Integer> rows = new java.util.concurrent.ConcurrentHashMap<>();
        final List<SnapshotMarker> markers = new CopyOnWriteArrayList<>();
        volatile int reads;

        @Override
        public void onChange(RowChange change) {
            if (change.type() == ChangeType.DELETE) {
                rows.remove(((Number) change.before().get("id")).intValue());
                return;
            }
            if (change.type() == ChangeType.READ) {
                reads++;
            }
            rows.put(((Number) change.after().get("id")).intValue(), ((Number) change.after().get("v")).intValue());
        }

        @Override
        public void onSnapshot(SnapshotMarker marker) {
            markers.add(marker);
        }
    }
}
