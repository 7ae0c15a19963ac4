package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;

/**
 * close(drain) while start() is still connecting returns at once and leaves the client stopped: the start's own
 * closing of the client it cut short no longer waits for the reader thread, which waited for the start's monitor to
 * report its connection (10 s, the reader's join timeout; found by the leader-mode work).
 */
class CloseDuringStartLiveTest {

    @LiveTest
    void closingWhileTheClientConnectsReturnsPromptly(LiveServer live) throws Exception {
        for (int delayMillis : new int[] {0, 2, 5, 10, 20}) {
            BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                    .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                    .tlsMode(TlsMode.DISABLED).listener(change -> { }).build();
            Thread starter = new Thread(() -> {
                try {
                    client.start();
                } catch (RuntimeException e) {
                    // a start cut short by the close may fail; what counts is how long the close took
                }
            });
            starter.start();
            Thread.sleep(delayMillis);
            long began = System.nanoTime();
            client.close(Duration.ofSeconds(27));
            starter.join(10_000);
            long tookMillis = Duration.ofNanos(System.nanoTime() - began).toMillis();
            assertThat(tookMillis).as("close %d ms after start", delayMillis).isLessThan(3_000);
            if (client.state() != ClientState.STOPPED) {
                // the close came before the start began: that start is a new one, and this close ends it
                client.close();
            }
            assertThat(client.state()).as("after close %d ms after start", delayMillis).isIn(ClientState.STOPPED,
                    ClientState.FAILED);
        }
    }
}
