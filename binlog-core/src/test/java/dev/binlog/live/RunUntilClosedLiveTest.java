package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogException;
import dev.binlog.ChangeListener;
import dev.binlog.ClientState;
import dev.binlog.ProtocolException;
import dev.binlog.RowChange;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link BinlogClient#run()}: what a plain {@code main} calls to keep streaming until it is closed. */
class RunUntilClosedLiveTest {

    @LiveTest
    void runBlocksWhileStreamingAndReturnsWhenClosedFromAnotherThread(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS runs (id INT PRIMARY KEY)");
        RecordingListener listener = new RecordingListener();
        BinlogClient client = client(live, listener);
        CompletableFuture<Void> running = CompletableFuture.runAsync(client::run);
        awaitStreaming(client);
        live.execute("INSERT INTO runs VALUES (1)", "INSERT INTO runs VALUES (2)");
        listener.awaitCommits(2);
        assertThat(running).as("run() while streaming").isNotDone();

        client.close();

        running.get(5, TimeUnit.SECONDS); // returns normally
        assertThat(client.state()).isEqualTo(ClientState.STOPPED);
        assertThat(listener.changes()).extracting(c -> c.after().get("id")).containsExactly(1, 2);
    }

    @LiveTest
    void runThrowsWhatStoppedTheStream(LiveServer live) throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS runs (id INT PRIMARY KEY)");
        ChangeListener failing = new ChangeListener() {
            @Override
            public void onChange(RowChange change) {
                throw new IllegalStateException("no room for row " + change.after().get("id"));
            }
        };
        BinlogClient client = client(live, failing);
        CompletableFuture<Void> running = CompletableFuture.runAsync(client::run);
        awaitStreaming(client);
        live.execute("INSERT INTO runs VALUES (3)");

        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BinlogException.class)
                .hasMessage("the binlog stream from " + live.host() + ":" + live.port() + " stopped because the"
                        + " listener threw java.lang.IllegalStateException: no room for row 3")
                .cause().isInstanceOf(IllegalStateException.class);
        assertThat(client.state()).isEqualTo(ClientState.FAILED);
    }

    @Test
    void runThrowsAFailedStartAtOnce() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        BinlogClient client = BinlogClient.builder().host("127.0.0.1").port(port).user("repl")
                .tlsMode(TlsMode.DISABLED).listener(change -> { }).build();
        long started = System.nanoTime();
        assertThatThrownBy(client::run).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("cannot connect to 127.0.0.1:" + port);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    private static BinlogClient client(LiveServer live, ChangeListener listener) {
        return BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(live.database() + ".runs").build())
                .listener(listener).build();
    }

    private static void awaitStreaming(BinlogClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.state() != ClientState.STREAMING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(client.state()).as("state, last error %s", client.lastError()).isEqualTo(ClientState.STREAMING);
    }
}
