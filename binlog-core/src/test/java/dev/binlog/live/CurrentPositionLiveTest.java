package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ClientState;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;
import java.util.Map;

/** What {@link BinlogClient#currentPosition()} tells an operator before and after the first event. */
class CurrentPositionLiveTest {

    @LiveTest
    void currentPositionRightAfterStartIsWhereStreamingStartsNotTheDumpsFormatDescription(LiveServer live)
            throws Exception {
        live.execute("CREATE TABLE IF NOT EXISTS spots (id INT PRIMARY KEY)");
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        BinlogPosition end = new BinlogPosition((String) status.get("File"),
                ((Number) status.get("Position")).longValue());
        try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.at(end.file(), end.position()))
                .filter(TableFilter.builder().include(live.database() + ".spots").build())
                .listener(change -> { }).build()) {
            client.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (client.state() != ClientState.STREAMING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // the dump's FORMAT_DESCRIPTION has arrived by now

            assertThat(client.currentPosition()).hasValueSatisfying(position -> {
                assertThat(position.file()).isEqualTo(end.file());
                assertThat(position.position()).isEqualTo(end.position());
            });
        }
    }
}
