package dev.binlog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.AuthenticationException;
import dev.binlog.BinlogPosition;
import dev.binlog.MariaDbGtidList;
import dev.binlog.PositionNotFoundException;
import dev.binlog.ServerSettings;
import dev.binlog.StartPosition;
import dev.binlog.TlsMode;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

class ReplicationClientLiveTest {

    static ServerSettings connection(LiveServer live) {
        return ServerSettings.builder().host(live.host()).port(live.port()).user(LiveServer.REPLICATION_USER)
                .password(LiveServer.REPLICATION_PASSWORD).tlsMode(TlsMode.DISABLED).build();
    }

    static BinlogPosition masterStatus(LiveServer live) {
        Map<String, Object> row = live.query("SHOW MASTER STATUS").get(0);
        return new BinlogPosition((String) row.get("File"), ((Number) row.get("Position")).longValue());
    }

    static void awaitRowEvents(CollectingListener listener, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (listener.rowEvents().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(listener.rowEvents()).hasSize(count);
    }

    @LiveTest
    void streamsTransactionsWrittenAfterStartFromLatest(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS latest_t (id INT PRIMARY KEY, v VARCHAR(20))", "DELETE FROM latest_t");
        CollectingListener listener = new CollectingListener();
        try (ReplicationClient client = new ReplicationClient(connection(live),
                ReplicationSettings.builder().startPosition(StartPosition.latest()).build(), listener)) {
            client.start();
            for (int i = 1; i <= 5; i++) {
                live.execute("INSERT INTO latest_t VALUES (" + i + ", 'v" + i + "')");
            }
            awaitRowEvents(listener, 5);
            assertThat(client.isConnected()).isTrue();
            BinlogPosition end = masterStatus(live);
            assertThat(client.position()).contains(end);
        }
        assertThat(listener.stopped.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(listener.stopCause).isNull();
        // every event starts where the previous one ended (no gap, no repeat) within one file
        List<CollectingListener.Seen> events = listener.events;
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).file().equals(events.get(i - 1).file()) && events.get(i - 1).type() != 15) {
                assertThat(events.get(i).position()).isEqualTo(events.get(i - 1).position() + events.get(i - 1).length());
            }
        }
        assertThat(listener.rowEvents()).allMatch(e -> e.type() == 23 && e.checksummed());
    }

    @LiveTest
    void nonBlockingDumpFromEarliestEndsAtEndOfLog(LiveServer live) throws Exception {
        CollectingListener listener = new CollectingListener();
        String firstFile = (String) live.query("SHOW BINARY LOGS").get(0).get("Log_name");
        try (ReplicationClient client = new ReplicationClient(connection(live), ReplicationSettings.builder()
                .startPosition(StartPosition.earliest()).nonBlocking(true).build(), listener)) {
            client.start();
            assertThat(client.awaitStop(Duration.ofSeconds(30))).isTrue();
            assertThat(client.failure()).isEmpty();
        }
        CollectingListener.Seen first = listener.events.get(0);
        assertThat(first.type()).isEqualTo(15);
        assertThat(first.file()).isEqualTo(firstFile);
        assertThat(first.position()).isEqualTo(4);
    }

    @LiveTest
    void streamsFromExplicitFileAndPosition(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS filepos_t (id INT PRIMARY KEY)");
        BinlogPosition before = masterStatus(live);
        live.execute("INSERT INTO filepos_t VALUES (1), (2)", "INSERT INTO filepos_t VALUES (3)");
        CollectingListener listener = new CollectingListener();
        try (ReplicationClient client = new ReplicationClient(connection(live), ReplicationSettings.builder()
                .startPosition(StartPosition.at(before.file(), before.position())).nonBlocking(true).build(),
                listener)) {
            client.start();
            assertThat(client.awaitStop(Duration.ofSeconds(30))).isTrue();
        }
        // the artificial FORMAT_DESCRIPTION (position 4), then the two transactions
        assertThat(listener.events.get(0).type()).isEqualTo(15);
        assertThat(listener.events.get(0).position()).isEqualTo(4);
        assertThat(listener.events.get(1).position()).isEqualTo(before.position());
        assertThat(listener.events.get(1).type()).isEqualTo(162); // MariaDB GTID event
        assertThat(listener.rowEvents()).as(listener.events.toString()).hasSize(2);
    }

    @LiveTest
    void streamsFromMariaDbGtidPosition(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS gtid_t (id INT PRIMARY KEY)");
        String gtidPos = live.queryString("SELECT @@global.gtid_binlog_pos");
        live.execute("INSERT INTO gtid_t VALUES (10)", "INSERT INTO gtid_t VALUES (11)", "INSERT INTO gtid_t VALUES (12)");
        CollectingListener listener = new CollectingListener();
        try (ReplicationClient client = new ReplicationClient(connection(live), ReplicationSettings.builder()
                .startPosition(StartPosition.gtid(MariaDbGtidList.parse(gtidPos))).nonBlocking(true).build(),
                listener)) {
            client.start();
            assertThat(client.awaitStop(Duration.ofSeconds(30))).isTrue();
            assertThat(client.failure()).isEmpty();
        }
        assertThat(listener.rowEvents()).hasSize(3);
        assertThat(listener.types().stream().filter(t -> t == 162).count()).isEqualTo(3);
    }

    @LiveTest
    void startsAtFirstTransactionAtOrAfterTimestamp(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS ts_t (id INT PRIMARY KEY)");
        Thread.sleep(1100);
        Instant since = Instant.now().plusSeconds(1);
        Thread.sleep(2100);
        live.execute("INSERT INTO ts_t VALUES (1)");
        CollectingListener listener = new CollectingListener();
        try (ReplicationClient client = new ReplicationClient(connection(live), ReplicationSettings.builder()
                .startPosition(StartPosition.timestamp(since)).nonBlocking(true).build(), listener)) {
            client.start();
            assertThat(client.awaitStop(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(listener.rowEvents()).hasSize(1);
    }

    @LiveTest
    void heartbeatsArriveOnAnIdleStream(LiveServer live) throws Exception {
        CollectingListener listener = new CollectingListener();
        try (ReplicationClient client = new ReplicationClient(connection(live), ReplicationSettings.builder()
                .heartbeatPeriod(Duration.ofMillis(300)).build(), listener)) {
            client.start();
            Thread.sleep(2000);
            assertThat(listener.heartbeats.get()).isGreaterThanOrEqualTo(2);
            assertThat(listener.disconnects).isEmpty();
            assertThat(client.isConnected()).isTrue();
        }
    }

    @LiveTest
    void registeredReplicaIsListedInShowSlaveHosts(LiveServer live) throws Exception {
        try (ReplicationClient client = new ReplicationClient(connection(live), ReplicationSettings.builder()
                .serverId(777001).registerReplica(true).build(), new CollectingListener())) {
            client.start();
            assertThat(live.query("SHOW SLAVE HOSTS")).extracting(row -> row.get("Server_id").toString())
                    .contains("777001");
        }
    }

    @LiveTest
    void wrongPasswordFailsStart(LiveServer live) {
        ServerSettings wrong = connection(live).toBuilder().password("nope").build();
        try (ReplicationClient client = new ReplicationClient(wrong, ReplicationSettings.builder().build(),
                new CollectingListener())) {
            assertThatThrownBy(client::start).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("server error 1045 (28000)");
        }
    }

    @LiveTest
    void purgedOrUnknownFileIsPositionNotFound(LiveServer live) {
        try (ReplicationClient client = new ReplicationClient(connection(live), ReplicationSettings.builder()
                .startPosition(StartPosition.at("mysql-bin.999999", 4)).nonBlocking(true).build(),
                new CollectingListener())) {
            assertThatThrownBy(client::start).isInstanceOf(PositionNotFoundException.class)
                    .hasMessage("the start position mysql-bin.999999:4 is not on " + live.host() + ":" + live.port()
                            + ": it has no binary log mysql-bin.999999 (purged?); start from StartPosition.earliest()"
                            + " or a file listed by SHOW BINARY LOGS");
        }
    }
}
