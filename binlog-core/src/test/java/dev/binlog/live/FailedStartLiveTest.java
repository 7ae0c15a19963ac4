package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.AuthenticationException;
import dev.binlog.ClientState;
import dev.binlog.ConfigurationException;
import dev.binlog.ProtocolException;
import dev.binlog.StartPosition;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A start that cannot succeed fails at once with its typed exception, and closing the client afterwards (as
 * try-with-resources, the CLI and Spring do) does not wait for a stream thread that never ran: start and close
 * together take well under 2 s, not the 10 s of a close timeout.
 */
class FailedStartLiveTest {

    private static final Duration PROMPT = Duration.ofSeconds(2);

    @Test
    void aClosedPortFailsWithinTwoSeconds() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        BinlogClient client = builder("127.0.0.1", port, "binlog_repl", "x").build();
        long started = System.nanoTime();
        assertThatThrownBy(() -> startThenClose(client)).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("cannot connect to 127.0.0.1:" + port + ": Connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
        assertThat(client.state()).isEqualTo(ClientState.FAILED);
        assertThat(client.lastError()).containsInstanceOf(ProtocolException.class);
    }

    @Test
    void anUnknownHostSaysSo() {
        BinlogClient client = builder("no-such-host.invalid", 3306, "binlog_repl", "x").build();
        long started = System.nanoTime();
        assertThatThrownBy(() -> startThenClose(client)).isInstanceOf(ProtocolException.class)
                .hasMessage("cannot connect to no-such-host.invalid:3306: unknown host no-such-host.invalid; check the"
                        + " host name (DNS or /etc/hosts)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
    }

    @LiveTest
    void aWrongPasswordFailsWithinTwoSeconds(LiveServer live) {
        BinlogClient client = builder(live.host(), live.port(), LiveServer.REPLICATION_USER, "wrong-password").build();
        long started = System.nanoTime();
        assertThatThrownBy(() -> startThenClose(client)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Access denied for user '" + LiveServer.REPLICATION_USER + "'");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
        assertThat(client.state()).isEqualTo(ClientState.FAILED);
    }

    @LiveTest
    void missingGrantsFailWithinTwoSeconds(LiveServer live) {
        live.execute("CREATE USER IF NOT EXISTS 'binlog_nogrants'@'%' IDENTIFIED BY 'No-grants-1'");
        BinlogClient client = builder(live.host(), live.port(), "binlog_nogrants", "No-grants-1").build();
        long started = System.nanoTime();
        assertThatThrownBy(() -> startThenClose(client)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("lacks REPLICATION SLAVE and REPLICATION CLIENT");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
    }

    private static void startThenClose(BinlogClient client) {
        try (client) {
            client.start();
        }
    }

    private static BinlogClient.Builder builder(String host, int port, String user, String password) {
        return BinlogClient.builder().host(host).port(port).user(user).password(password)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .connectTimeout(Duration.ofSeconds(5)).listener(change -> { });
    }
}
