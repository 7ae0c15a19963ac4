package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.MissingGtidsException;
import dev.binlog.PositionStore;
import dev.binlog.ReconnectPolicy;
import dev.binlog.RowChange;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.MariaDbProcess;
import dev.binlog.testsupport.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's source failover, live: a MariaDB primary and a replica started here (real GTID replication on loopback),
 * the client given both hosts and a file position store. The primary is killed with SIGKILL and the replica promoted;
 * the client goes on there by its GTID state, with nothing lost and nothing repeated beyond the transaction in flight.
 * When the replica lacks a transaction the client delivered, the client stops with the GTIDs it lacks.
 */
class SourceFailoverLiveTest {

    @TempDir
    Path folder;

    @Test
    void aClientGivenBothHostsGoesOnAtThePromotedReplicaByGtid() throws Exception {
        MariaDbProcess primary = TestServers.startPrivateEmbedded("failover-primary");
        MariaDbProcess replica = TestServers.startPrivateEmbedded("failover-replica", "--server-id=2",
                "--log-slave-updates=1");
        try {
            replicate(primary, replica);
            List<Integer> delivered = new CopyOnWriteArrayList<>();
            try (BinlogClient client = client(primary, replica, delivered)) {
                client.start();
                insert(primary, 1, 40);
                await(() -> delivered.size() >= 40, "rows 1-40 from the primary");
                // the writer pauses until the replica has caught up; then the primary dies
                String executed = single(primary, "SELECT @@gtid_binlog_pos");
                assertThat(single(replica, "SELECT MASTER_GTID_WAIT('" + executed + "', 30)")).as("%s",
                        slaveStatus(replica)).isEqualTo("0");
                long killedAt = System.nanoTime();
                primary.kill();
                execute(replica, "STOP SLAVE", "RESET SLAVE ALL");
                insert(replica, 41, 80);
                await(() -> delivered.contains(80), "rows 41-80 from the promoted replica");
                System.out.printf("source failover: rows from the promoted replica %d ms after the kill%n",
                        Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
                assertThat(client.state()).isEqualTo(ClientState.STREAMING);
                assertThat(client.settings().server().port()).as("the first server's settings stay").isEqualTo(
                        primary.port());
            }
            Map<Integer, Integer> counts = new HashMap<>();
            delivered.forEach(id -> counts.merge(id, 1, Integer::sum));
            assertThat(counts.keySet()).as("every committed row").hasSize(80);
            assertThat(counts.values().stream().filter(n -> n > 1).count()).as("rows delivered twice")
                    .isLessThanOrEqualTo(1);
        } finally {
            primary.kill();
            replica.kill();
        }
    }

    @Test
    void aPromotedReplicaThatLacksDeliveredTransactionsIsRefusedNamingTheirGtids() throws Exception {
        MariaDbProcess primary = TestServers.startPrivateEmbedded("errant-primary");
        MariaDbProcess replica = TestServers.startPrivateEmbedded("errant-replica", "--server-id=2",
                "--log-slave-updates=1");
        try {
            replicate(primary, replica);
            List<Integer> delivered = new CopyOnWriteArrayList<>();
            try (BinlogClient client = client(primary, replica, delivered)) {
                client.start();
                insert(primary, 1, 10);
                String executed = single(primary, "SELECT @@gtid_binlog_pos");
                assertThat(single(replica, "SELECT MASTER_GTID_WAIT('" + executed + "', 30)")).as("%s",
                        slaveStatus(replica)).isEqualTo("0");
                // the replica stops receiving: the next rows reach the client, never the replica
                execute(replica, "STOP SLAVE");
                insert(primary, 11, 15);
                await(() -> delivered.contains(15), "rows 11-15");
                String lacking = single(primary, "SELECT @@gtid_binlog_pos");
                primary.kill();
                execute(replica, "RESET SLAVE ALL");
                await(() -> client.state() == ClientState.FAILED, "the refusal at the promoted replica");
                assertThat(client.lastError()).hasValueSatisfying(e -> {
                    assertThat(e).isInstanceOf(MissingGtidsException.class).hasMessageContaining(lacking)
                            .hasMessageContaining("lacks transactions this client already delivered");
                });
            }
        } finally {
            primary.kill();
            replica.kill();
        }
    }

    private BinlogClient client(MariaDbProcess primary, MariaDbProcess replica, List<Integer> delivered)
            throws Exception {
        return BinlogClient.builder()
                .hosts("127.0.0.1:" + primary.port(), "127.0.0.1:" + replica.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .reconnect(ReconnectPolicy.attempts(2).withBackoff(Duration.ofMillis(200), Duration.ofMillis(400)))
                .filter(TableFilter.builder().include("failover.t").build())
                .positionStore(PositionStore.file(Files.createTempFile(folder, "position", ".txt")))
                .listener(change -> delivered.add(id(change))).build();
    }

    /** The replica follows the primary by GTID; both have the client's user, created outside the binary log. */
    private static void replicate(MariaDbProcess primary, MariaDbProcess replica) throws SQLException {
        for (MariaDbProcess server : List.of(primary, replica)) {
            execute(server, "SET SESSION sql_log_bin = 0",
                    "CREATE USER IF NOT EXISTS '" + LiveServer.REPLICATION_USER + "'@'%' IDENTIFIED BY '"
                            + LiveServer.REPLICATION_PASSWORD + "'",
                    "GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO '" + LiveServer.REPLICATION_USER
                            + "'@'%'");
        }
        // the replica starts from the primary's state now: its log so far is the set-up of the server itself
        execute(replica, "SET GLOBAL gtid_slave_pos = '" + single(primary, "SELECT @@gtid_binlog_pos") + "'",
                "CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + primary.port()
                + ", MASTER_USER = '" + LiveServer.REPLICATION_USER + "', MASTER_PASSWORD = '"
                + LiveServer.REPLICATION_PASSWORD + "', MASTER_USE_GTID = slave_pos", "START SLAVE");
        execute(primary, "CREATE DATABASE failover", "CREATE TABLE failover.t (id INT PRIMARY KEY)");
        String executed = single(primary, "SELECT @@gtid_binlog_pos");
        assertThat(single(replica, "SELECT MASTER_GTID_WAIT('" + executed + "', 30)")).as("replication runs: %s",
                slaveStatus(replica)).isEqualTo("0");
    }

    private static String slaveStatus(MariaDbProcess replica) {
        try (Connection c = admin(replica); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            return rs.next() ? rs.getString("Last_IO_Error") + " / " + rs.getString("Last_SQL_Error") : "no status";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static void insert(MariaDbProcess server, int from, int to) throws SQLException {
        for (int id = from; id <= to; id++) {
            execute(server, "INSERT INTO failover.t VALUES (" + id + ")");
        }
    }

    private static void execute(MariaDbProcess server, String... statements) throws SQLException {
        try (Connection c = admin(server); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String single(MariaDbProcess server, String sql) throws SQLException {
        try (Connection c = admin(server); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection admin(MariaDbProcess server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(null), server.adminUser(), server.adminPassword());
    }

    private static int id(RowChange change) {
        return ((Number) change.after().get("id")).intValue();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.sleep(20);
        }
    }
}
