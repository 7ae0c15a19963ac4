package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class BinlogClientLiveTest {

    @TempDir
    Path dir;

    private static BinlogClient.Builder client(LiveServer live, RecordingListener listener) {
        return BinlogClient.builder()
                .host(live.host())
                .port(live.port())
                .user(LiveServer.REPLICATION_USER)
                .password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED)
                .startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(live.database()).build())
                .listener(listener);
    }

    private static void awaitStreaming(BinlogClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.state() != ClientState.STREAMING && System.nanoTime() < deadline) {
            assertThat(client.state()).as("client state, last error %s", client.lastError())
                    .isNotIn(ClientState.FAILED, ClientState.STOPPED);
            Thread.sleep(20);
        }
        assertThat(client.state()).isEqualTo(ClientState.STREAMING);
    }

    @LiveTest
    void deliversInsertsUpdatesAndDeletesWithColumnNamesInCommitOrder(LiveServer live) throws Exception {
        live.execute("CREATE TABLE orders (id INT PRIMARY KEY, status VARCHAR(20), total DECIMAL(10,2))");
        RecordingListener listener = new RecordingListener();
        try (BinlogClient client = client(live, listener).build()) {
            client.start();
            awaitStreaming(client);
            live.execute("INSERT INTO orders VALUES (1, 'new', 10.50), (2, 'new', 3.00)",
                    "UPDATE orders SET status = 'paid' WHERE id = 1",
                    "DELETE FROM orders WHERE id = 2");
            listener.awaitCommits(3);
        }

        List<RowChange> changes = listener.changes();
        assertThat(changes).extracting(RowChange::type).containsExactly(ChangeType.INSERT, ChangeType.INSERT,
                ChangeType.UPDATE, ChangeType.DELETE);
        assertThat(changes.get(0).after().asMap())
                .isEqualTo(Map.of("id", 1, "status", "new", "total", new BigDecimal("10.50")));
        assertThat(changes.get(2).before().get("status")).isEqualTo("new");
        assertThat(changes.get(2).after().get("status")).isEqualTo("paid");
        assertThat(changes.get(2).changedColumns()).containsExactly("status");
        assertThat(changes.get(2).primaryKey()).isEqualTo(Map.of("id", 1));
        assertThat(changes.get(3).before().get("id")).isEqualTo(2);
        assertThat(changes.get(3).after()).isNull();
        assertThat(changes.get(0).schema()).isEqualTo(live.database());
        assertThat(changes.get(0).metadata().binlogFile()).startsWith("mysql-bin.");
    }

    @LiveTest
    void multiStatementTransactionIsOneTransactionAndRollbackDeliversNothing(LiveServer live) throws Exception {
        live.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT)");
        RecordingListener listener = new RecordingListener();
        try (BinlogClient client = client(live, listener).build()) {
            client.start();
            awaitStreaming(client);
            try (var c = live.connection(); var s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("INSERT INTO accounts VALUES (1, 100)");
                s.execute("INSERT INTO accounts VALUES (2, 50)");
                c.rollback();
                s.execute("INSERT INTO accounts VALUES (3, 70)");
                s.execute("DO SLEEP(1.2)");
                s.execute("UPDATE accounts SET balance = 60 WHERE id = 3");
                s.execute("DO SLEEP(1.2)");
                c.commit();
            }
            listener.awaitCommits(1);
        }
        assertThat(listener.calls).containsExactly("begin", "INSERT accounts", "UPDATE accounts", "commit");
        assertThat(listener.commits.get(0).rowCount()).isEqualTo(2);
        assertThat(listener.commits.get(0).xid()).isNotNull();
        // Every row carries the commit time, not the time its statement ran.
        assertThat(listener.changes()).extracting(c -> c.metadata().timestamp())
                .containsOnly(listener.commits.get(0).commitTimestamp());
    }

    @LiveTest
    void excludedTablesAndTypesAreNotDelivered(LiveServer live) throws Exception {
        live.execute("CREATE TABLE kept (id INT PRIMARY KEY)", "CREATE TABLE skipped (id INT PRIMARY KEY)");
        RecordingListener listener = new RecordingListener();
        TableFilter filter = TableFilter.builder().include(live.database() + ".*")
                .exclude(live.database() + ".skipped").types(ChangeType.INSERT).build();
        try (BinlogClient client = client(live, listener).filter(filter).build()) {
            client.start();
            awaitStreaming(client);
            live.execute("INSERT INTO skipped VALUES (1)", "INSERT INTO kept VALUES (1)",
                    "DELETE FROM kept WHERE id = 1", "INSERT INTO kept VALUES (2)");
            listener.awaitCommits(2);
        }
        assertThat(listener.changes()).extracting(c -> c.table() + " " + c.type() + " " + c.after().get("id"))
                .containsExactly("kept INSERT 1", "kept INSERT 2");
    }

    @LiveTest
    void ddlIsDeliveredAndColumnsAddedLaterAreNamed(LiveServer live) throws Exception {
        live.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(10))");
        RecordingListener listener = new RecordingListener();
        try (BinlogClient client = client(live, listener).build()) {
            client.start();
            awaitStreaming(client);
            live.execute("INSERT INTO items VALUES (1, 'a')",
                    "ALTER TABLE items ADD COLUMN price INT",
                    "INSERT INTO items VALUES (2, 'b', 7)");
            listener.awaitCommits(2);
        }
        assertThat(listener.schemaChanges).extracting(s -> s.affectedTables())
                .containsExactly(List.of(live.database() + ".items"));
        assertThat(listener.changes().get(0).after().asMap()).isEqualTo(Map.of("id", 1, "name", "a"));
        assertThat(listener.changes().get(1).after().asMap()).isEqualTo(Map.of("id", 2, "name", "b", "price", 7));
    }

    @LiveTest
    void resumesFromTheFileStoreAfterTheLastCommittedTransaction(LiveServer live) throws Exception {
        live.execute("CREATE TABLE events (id INT PRIMARY KEY)");
        Path positions = dir.resolve(live.server().name().replaceAll("\\W", "_") + ".position");
        RecordingListener first = new RecordingListener();
        try (BinlogClient client = client(live, first).positionStore(PositionStore.file(positions)).build()) {
            client.start();
            awaitStreaming(client);
            live.execute("INSERT INTO events VALUES (1)", "INSERT INTO events VALUES (2)");
            first.awaitCommits(2);
        }
        live.execute("INSERT INTO events VALUES (3)", "INSERT INTO events VALUES (4)");

        RecordingListener second = new RecordingListener();
        try (BinlogClient client = client(live, second).positionStore(PositionStore.file(positions)).build()) {
            client.start();
            second.awaitCommits(2);
        }
        assertThat(first.changes()).extracting(c -> c.after().get("id")).containsExactly(1, 2);
        assertThat(second.changes()).extracting(c -> c.after().get("id")).containsExactly(3, 4);
    }
}
