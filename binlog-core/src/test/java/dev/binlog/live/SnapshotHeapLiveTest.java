package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeListener;
import dev.binlog.ChangeType;
import dev.binlog.ClientState;
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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Verification item 6 of the snapshot issue: 2,000,000 rows of about 1 KB (2 GB) copied by each kind of snapshot in a
 * JVM limited to 128 MiB (this class runs in its own Surefire execution with {@code -Xmx128m}); the live heap after the
 * last row is no larger than after the 200,000th beyond noise.
 */
class SnapshotHeapLiveTest {

    private static final int ROWS = 2_000_000;

    @LiveTest
    void twoGigabytesCopyThroughA128MegabyteHeapEitherWay(LiveServer live) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx128m").isLessThanOrEqualTo(140L << 20);
        // not logged: the copy reads the table, and 2 GB of row events would only slow the set-up
        live.execute("SET SESSION sql_log_bin = 0", "DROP TABLE IF EXISTS snap_big",
                "CREATE TABLE snap_big (id INT PRIMARY KEY, payload VARCHAR(1000) NOT NULL)",
                "INSERT INTO snap_big SELECT seq, REPEAT(CHAR(65 + seq % 26), 1000) FROM seq_1_to_" + ROWS,
                "CREATE TABLE IF NOT EXISTS binlog_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                        + " data VARCHAR(2048) NULL)",
                "GRANT INSERT, DELETE ON " + live.database() + ".binlog_signal TO '" + LiveServer.REPLICATION_USER
                        + "'@'%'");
        for (SnapshotKind kind : SnapshotKind.values()) {
            copy(live, kind);
        }
    }

    private static void copy(LiveServer live, SnapshotKind kind) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] usedAt = new long[2];
        long[] rows = new long[1];
        long[] bytes = new long[1];
        AtomicBoolean finished = new AtomicBoolean();
        ChangeListener listener = new ChangeListener() {
            @Override
            public void onChange(RowChange change) {
                if (change.type() != ChangeType.READ) {
                    return;
                }
                rows[0]++;
                bytes[0] += change.after().getString("payload").length();
                if (rows[0] == ROWS / 10 || rows[0] == ROWS) {
                    System.gc();
                    usedAt[rows[0] == ROWS ? 1 : 0] = memory.getHeapMemoryUsage().getUsed();
                }
            }

            @Override
            public void onSnapshot(SnapshotMarker marker) {
                if (marker.kind() == SnapshotMarker.Kind.SNAPSHOT_FINISHED) {
                    finished.set(true);
                }
            }
        };
        SnapshotSettings snapshot = SnapshotSettings.of(kind == SnapshotKind.CONSISTENT ? SnapshotMode.INITIAL_ONLY
                : SnapshotMode.INITIAL).withKind(kind);
        try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(live.database() + ".snap_big").build())
                .snapshot(snapshot).listener(listener).build()) {
            client.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!finished.get() && client.state() != ClientState.FAILED && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(finished).as(kind + ": finished; state " + client.state() + ", " + client.lastError())
                    .isTrue();
        }
        assertThat(rows[0]).as(kind + ": rows").isEqualTo(ROWS);
        assertThat(bytes[0]).as(kind + ": payload bytes").isEqualTo(1000L * ROWS);
        long growth = usedAt[1] - usedAt[0];
        assertThat(growth).as(kind + ": heap growth from row 200,000 to row 2,000,000 (bytes)")
                .isLessThan(24L << 20);
    }
}
