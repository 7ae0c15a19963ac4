package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.StartPosition;
import dev.binlog.StreamStatistics;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The JDBC position store with its table in the streamed server: each save is a transaction in the very binlog being
 * streamed. The stream must not deliver, count or save a position for those writes, or each save causes the next one
 * without end.
 */
class OwnPositionTableLiveTest {

    @LiveTest
    void theStoresOwnWritesAreNotDeliveredCountedOrSavedAgain(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS items (id INT PRIMARY KEY, name VARCHAR(20))");
        PositionStore store = tableStore(live, "own_default");
        RecordingListener listener = new RecordingListener();
        try (BinlogClient client = client(live, store, TableFilter.all(), listener)) {
            client.start();
            awaitStreaming(client);
            live.execute("INSERT INTO items VALUES (1, 'first')");
            listener.awaitCommits(1);
            BinlogPosition committed = listener.commits.get(0).committedPosition();

            Thread.sleep(500); // the save's own UPDATE reaches the stream
            Map<String, Object> afterSave = masterStatus(live);
            Thread.sleep(3000);

            assertThat(masterStatus(live)).as("binlog end 3 s after the only save").isEqualTo(afterSave);
            StreamStatistics statistics = client.statistics();
            assertThat(statistics.positionCommits()).as("positions saved").isEqualTo(1);
            assertThat(statistics.transactions()).as("transactions counted").isEqualTo(1);
            assertThat(statistics.rows().get(ChangeType.INSERT)).isEqualTo(1);
            assertThat(statistics.rows().get(ChangeType.UPDATE)).as("the store's UPDATE").isZero();
            assertThat(statistics.events().get("XID")).as("XID events counted: the INSERT's, not the save's")
                    .isEqualTo(1);
            assertThat(listener.calls).containsExactly("begin", "INSERT items", "commit");
            assertThat(store.load()).contains(committed);
        }
    }

    /** A filtered-out transaction is saved at most once a second; the save's own write must not start that again. */
    @LiveTest
    void aQuietSaveOfAFilteredTransactionIsNotRepeatedEverySecond(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS noise (id INT PRIMARY KEY)");
        PositionStore store = tableStore(live, "own_quiet");
        RecordingListener listener = new RecordingListener();
        TableFilter filter = TableFilter.builder().exclude(live.database() + ".noise").build();
        try (BinlogClient client = client(live, store, filter, listener)) {
            client.start();
            awaitStreaming(client);
            Thread.sleep(1100);
            live.execute("INSERT INTO noise VALUES (1)");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (client.statistics().positionCommits() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
            Map<String, Object> afterSave = masterStatus(live);
            Thread.sleep(3000);

            assertThat(masterStatus(live)).as("binlog end 3 s after the quiet save").isEqualTo(afterSave);
            assertThat(client.statistics().positionCommits()).as("positions saved").isEqualTo(1);
            assertThat(client.statistics().transactions()).isZero();
            assertThat(listener.calls).isEmpty();
        }
    }

    private static BinlogClient client(LiveServer live, PositionStore store, TableFilter filter,
            RecordingListener listener) {
        return BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(filter).positionStore(store).listener(listener).build();
    }

    private static void awaitStreaming(BinlogClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.state() != ClientState.STREAMING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(client.state()).as("state, last error %s", client.lastError()).isEqualTo(ClientState.STREAMING);
    }

    private static Map<String, Object> masterStatus(LiveServer live) {
        Map<String, Object> row = live.query("SHOW MASTER STATUS").get(0);
        return Map.of("file", row.get("File"), "position", row.get("Position"));
    }

    /** {@link PositionStore#jdbc} in the test's own database on the streamed server, as an application would. */
    private static PositionStore tableStore(LiveServer live, String table) throws SQLException {
        live.execute("DROP TABLE IF EXISTS " + table);
        MariaDbDataSource dataSource = new MariaDbDataSource(live.jdbcUrl());
        dataSource.setUser(live.server().adminUser());
        dataSource.setPassword(live.server().adminPassword());
        return PositionStore.jdbc(dataSource, table, "default");
    }
}
