package dev.binlog.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ReconnectPolicy;
import dev.binlog.ServerSettings;
import dev.binlog.TlsMode;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import dev.binlog.testsupport.MariaDbProcess;
import dev.binlog.testsupport.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplicationResilienceLiveTest {

    private static ReplicationSettings.Builder resilient() {
        return ReplicationSettings.builder().heartbeatPeriod(Duration.ofMillis(500))
                .reconnect(ReconnectPolicy.forever().withBackoff(Duration.ofMillis(50), Duration.ofMillis(500)));
    }

    private static ServerSettings via(String host, int port) {
        return ServerSettings.builder().host(host).port(port).user(LiveServer.REPLICATION_USER)
                .password(LiveServer.REPLICATION_PASSWORD).tlsMode(TlsMode.DISABLED)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static void awaitRowEvents(CollectingListener listener, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (listener.rowEvents().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Each delivered event once: no two deliveries of the same file and position. */
    private static void assertEachEventOnce(CollectingListener listener) {
        Set<String> seen = new HashSet<>();
        for (CollectingListener.Seen e : listener.events) {
            assertThat(seen.add(e.file() + ":" + e.position())).as("delivered twice: " + e).isTrue();
        }
    }

    @LiveTest
    void rowLargerThanSixteenMebibytesArrivesWhole(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS big_t (id INT PRIMARY KEY, b LONGBLOB)");
        CollectingListener listener = new CollectingListener();
        try (ReplicationClient client = new ReplicationClient(via(live.host(), live.port()),
                ReplicationSettings.builder().build(), listener)) {
            client.start();
            live.execute("INSERT INTO big_t VALUES (1, REPEAT('x', 17 * 1024 * 1024))");
            awaitRowEvents(listener, 1, 60);
        }
        List<CollectingListener.Seen> rows = listener.rowEvents();
        assertThat(rows).hasSize(1);
        // 17 MiB of value plus row-event framing
        assertThat(rows.get(0).length()).isGreaterThan(17 * 1024 * 1024).isLessThan(17 * 1024 * 1024 + 200);
    }

    @Test
    void serverKilledMidStreamAndRestartedDeliversEveryEventOnce() throws Exception {
        MariaDbProcess server = TestServers.startPrivateEmbedded("kill-restart");
        try {
            admin(server, "CREATE USER '" + LiveServer.REPLICATION_USER + "'@'%' IDENTIFIED BY '"
                    + LiveServer.REPLICATION_PASSWORD + "'",
                    "GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO '" + LiveServer.REPLICATION_USER + "'@'%'",
                    "CREATE DATABASE k", "CREATE TABLE k.t (id INT PRIMARY KEY, v VARCHAR(50))");
            CollectingListener listener = new CollectingListener();
            try (ReplicationClient client = new ReplicationClient(via(server.host(), server.port()),
                    resilient().build(), listener)) {
                client.start();
                insert(server, 1, 40);
                server.kill();
                server.start();
                insert(server, 41, 80);
                awaitRowEvents(listener, 80, 60);
                assertThat(listener.rowEvents()).hasSize(80);
                assertThat(listener.disconnects).isNotEmpty();
                assertThat(listener.connects.get()).isGreaterThanOrEqualTo(2);
                assertThat(client.isConnected()).isTrue();
            }
            assertEachEventOnce(listener);
            assertThat(listener.stopCause).isNull();
        } finally {
            server.stop();
        }
    }

    @LiveTest
    void connectionsCutRepeatedlyUnderLoadDeliverEveryEventOnce(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS cut_t (id INT PRIMARY KEY, v VARCHAR(50))", "DELETE FROM cut_t");
        int transactions = 300;
        CollectingListener listener = new CollectingListener();
        try (CuttingProxy proxy = new CuttingProxy(live.host(), live.port());
                ReplicationClient client = new ReplicationClient(via("127.0.0.1", proxy.port()),
                        resilient().build(), listener)) {
            client.start();
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                try (Connection c = live.connection(); Statement s = c.createStatement()) {
                    for (int i = 1; i <= transactions; i++) {
                        s.execute("INSERT INTO cut_t VALUES (" + i + ", 'row " + i + "')");
                        written.incrementAndGet();
                        if (i % 10 == 0) {
                            Thread.sleep(5);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            // Cut until the client has really lost at least three connections (a cut while it is between
            // connections cuts nothing), bounded so that a client that never reconnects fails the test.
            int cuts = 0;
            while ((writer.isAlive() || listener.disconnects.size() < 3) && cuts < 200) {
                Thread.sleep(150);
                proxy.cutAll();
                cuts++;
            }
            writer.join();
            assertThat(written.get()).isEqualTo(transactions);
            awaitRowEvents(listener, transactions, 60);
            assertThat(listener.rowEvents()).hasSize(transactions);
            assertThat(listener.disconnects.size()).isGreaterThanOrEqualTo(3);
        }
        assertEachEventOnce(listener);
    }

    @LiveTest
    void silentConnectionIsDeclaredDeadAfterTwoHeartbeatPeriodsAndReplaced(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS silent_t (id INT PRIMARY KEY)", "DELETE FROM silent_t");
        CollectingListener listener = new CollectingListener();
        try (CuttingProxy proxy = new CuttingProxy(live.host(), live.port());
                ReplicationClient client = new ReplicationClient(via("127.0.0.1", proxy.port()),
                        resilient().heartbeatPeriod(Duration.ofMillis(300)).build(), listener)) {
            client.start();
            live.execute("INSERT INTO silent_t VALUES (1)");
            awaitRowEvents(listener, 1, 10);
            proxy.freezeAll();
            live.execute("INSERT INTO silent_t VALUES (2)");
            awaitRowEvents(listener, 2, 10);
            assertThat(listener.rowEvents()).hasSize(2);
            assertThat(listener.disconnects).first().extracting(Throwable::getMessage)
                    .isEqualTo("no data from 127.0.0.1:" + proxy.port() + " within the read timeout (600 ms); the"
                            + " connection is considered dead");
        }
        assertEachEventOnce(listener);
    }

    @LiveTest
    void listenerFailureStopsTheClientWithThatError(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS fail_t (id INT PRIMARY KEY)");
        IllegalStateException boom = new IllegalStateException("consumer cannot store the event");
        CollectingListener recorder = new CollectingListener();
        RawEventListener failing = new RawEventListener() {
            @Override
            public void onEvent(RawEvent event) {
                if (event.type() == 23 || event.type() == 30) {
                    throw boom;
                }
            }

            @Override
            public void onStop(Throwable failure) {
                recorder.onStop(failure);
            }
        };
        try (ReplicationClient client = new ReplicationClient(via(live.host(), live.port()),
                ReplicationSettings.builder().build(), failing)) {
            client.start();
            live.execute("INSERT INTO fail_t VALUES (1)");
            assertThat(client.awaitStop(Duration.ofSeconds(10))).isTrue();
            assertThat(client.failure()).containsSame(boom);
            assertThat(client.isConnected()).isFalse();
        }
        assertThat(recorder.stopCause).isSameAs(boom);
    }

    private static void insert(MariaDbProcess server, int from, int to) throws SQLException {
        try (Connection c = server.adminConnection("k"); Statement s = c.createStatement()) {
            for (int i = from; i <= to; i++) {
                s.execute("INSERT INTO t VALUES (" + i + ", 'value " + i + "')");
            }
        }
    }

    private static void admin(MariaDbProcess server, String... statements) throws SQLException {
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
