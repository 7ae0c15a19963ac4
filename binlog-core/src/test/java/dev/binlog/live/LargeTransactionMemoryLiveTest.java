package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeListener;
import dev.binlog.ClientState;
import dev.binlog.RowChange;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.Transaction;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;

/**
 * One transaction of 1,000,000 rows streams through a JVM limited to 256 MiB (this class runs in its own Surefire
 * execution with {@code -Xmx256m}), and the live heap after the millionth row is no larger than after the
 * hundred-thousandth beyond noise: nothing buffers the transaction.
 */
class LargeTransactionMemoryLiveTest {

    private static final int ROWS = 1_000_000;

    @LiveTest
    void millionRowTransactionStreamsInConstantMemory(LiveServer live) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx256m").isLessThanOrEqualTo(300L << 20);
        live.execute("CREATE TABLE big (id INT PRIMARY KEY, payload CHAR(100))");
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        live.execute("INSERT INTO big SELECT seq, REPEAT('x', 100) FROM seq_1_to_" + ROWS);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] usedAt = new long[2];
        long[] rows = new long[1];
        long[] committedRows = new long[1];
        ChangeListener listener = new ChangeListener() {
            @Override
            public void onChange(RowChange change) {
                rows[0]++;
                if (rows[0] == ROWS / 10 || rows[0] == ROWS) {
                    System.gc();
                    usedAt[rows[0] == ROWS ? 1 : 0] = memory.getHeapMemoryUsage().getUsed();
                }
            }

            @Override
            public void onCommit(Transaction transaction) {
                committedRows[0] = transaction.rowCount();
            }
        };
        try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).stopAtEnd(true)
                .startPosition(StartPosition.at(status.get("File").toString(),
                        Long.parseLong(status.get("Position").toString())))
                .filter(TableFilter.builder().include(live.database() + ".big").build())
                .listener(listener).build()) {
            client.start();
            assertThat(client.awaitTermination(Duration.ofMinutes(5))).isTrue();
            assertThat(client.state()).as("last error %s", client.lastError()).isEqualTo(ClientState.STOPPED);
        }
        assertThat(rows[0]).isEqualTo(ROWS);
        assertThat(committedRows[0]).isEqualTo(ROWS);
        long growth = usedAt[1] - usedAt[0];
        assertThat(growth).as("heap growth from row 100,000 to row 1,000,000 (bytes)").isLessThan(24L << 20);
    }
}
