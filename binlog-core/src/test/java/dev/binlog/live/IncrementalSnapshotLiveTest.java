package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeListener;
import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotKind;
import dev.binlog.stream.SnapshotMode;
import dev.binlog.stream.SnapshotSettings;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** The incremental snapshot on a real server, with writers changing the table while it is copied. */
class IncrementalSnapshotLiveTest {

    @LiveTest
    void aConsumerApplyingEveryEventEndsEqualToTheTable(LiveServer live) throws Exception {
        String db = live.database();
        live.execute("DROP TABLE IF EXISTS inc_ids", "CREATE TABLE inc_ids (id INT PRIMARY KEY, v INT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS binlog_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                        + " data VARCHAR(2048) NULL)",
                "GRANT INSERT, DELETE ON " + db + ".binlog_signal TO '" + LiveServer.REPLICATION_USER + "'@'%'");
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            values.append(i == 1 ? "" : ",").append('(').append(i).append(", 0)");
        }
        live.execute("INSERT INTO inc_ids VALUES " + values);
        AtomicBoolean writing = new AtomicBoolean(true);
        Random random = new Random(42);
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                int id = 1 + random.nextInt(400);
                switch (random.nextInt(3)) {
                    case 0 -> live.execute("INSERT INTO inc_ids VALUES (" + id + ", 0) ON DUPLICATE KEY UPDATE v = v + 1");
                    case 1 -> live.execute("UPDATE inc_ids SET v = v + 1 WHERE id = " + id);
                    default -> live.execute("DELETE FROM inc_ids WHERE id = " + id);
                }
            }
        });
        Applier applier = new Applier();
        try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(db + ".inc_ids").build())
                .positionStore(PositionStore.inMemory())
                .snapshot(SnapshotSettings.of(SnapshotMode.INITIAL).withKind(SnapshotKind.INCREMENTAL)
                        .withChunkSize(7))
                .listener(applier).build()) {
            writer.start();
            client.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (applier.markers.stream().noneMatch(m -> m.kind() == SnapshotMarker.Kind.SNAPSHOT_FINISHED)) {
                assertThat(System.nanoTime()).as("snapshot finished; markers " + applier.markers).isLessThan(deadline);
                Thread.sleep(20);
            }
            writing.set(false);
            writer.join();
            live.execute("INSERT INTO inc_ids VALUES (100000, -1)");
            while (!applier.rows.containsKey(100000)) {
                assertThat(System.nanoTime()).as("caught up").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        Map<Integer, Integer> table = new HashMap<>();
        live.query("SELECT id, v FROM inc_ids").forEach(r -> table.put(((Number) r.get("id")).intValue(),
                ((Number) r.get("v")).intValue()));
        assertThat(applier.rows).isEqualTo(table);
        assertThat(applier.reads).isPositive();
    }

    @LiveTest
    void theGtidWatermarkCopiesWithAnAccountThatMayOnlyRead(LiveServer live) throws Exception {
        String db = live.database();
        live.execute("DROP TABLE IF EXISTS inc_gtid", "CREATE TABLE inc_gtid (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO inc_gtid SELECT seq, 0 FROM seq_1_to_100");
        Applier applier = new Applier();
        try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(db + ".inc_gtid").build())
                .positionStore(PositionStore.inMemory())
                .snapshot(SnapshotSettings.of(SnapshotMode.INITIAL).withKind(SnapshotKind.INCREMENTAL)
                        .withWatermark(dev.binlog.stream.SnapshotWatermark.GTID).withSignalTable("no_such_signals")
                        .withChunkSize(9))
                .listener(applier).build()) {
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

    static final class Applier implements ChangeListener {
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
