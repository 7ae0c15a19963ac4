package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.stream.BinlogClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A start that cannot connect leaves the client FAILED with the error, so that a later start tries again (what the
 * Spring starter's background retry relies on) and a close returns at once.
 */
class FailedStartTest {

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void failedStartLeavesTheClientFailedAndAnotherStartTriesAgain() throws Exception {
        BinlogClient client = BinlogClient.builder().host("127.0.0.1").port(closedPort()).user("repl")
                .connectTimeout(Duration.ofSeconds(2)).listener(change -> { }).build();
        assertThatThrownBy(client::start).isInstanceOf(BinlogException.class);
        assertThat(client.state()).isEqualTo(ClientState.FAILED);
        assertThat(client.lastError()).isPresent();
        assertThatThrownBy(client::start).as("a second start connects again").isInstanceOf(BinlogException.class);
        long started = System.nanoTime();
        client.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(client.state()).isEqualTo(ClientState.FAILED);
    }
}
