package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One client stopped and started again, restarted while running, and sent back to an earlier position while stopped:
 * it resumes after the last committed change each time, or exactly at the position given, and its counters go on.
 */
class RestartLiveTest {

    @LiveTest
    void stoppedClientStartsAgainAndCanBeRepositionedWhileStopped(LiveServer live) throws Exception {
        live.execute("CREATE TABLE restarted (id INT PRIMARY KEY)");
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        StartPosition beforeAll = StartPosition.at(status.get("File").toString(),
                Long.parseLong(status.get("Position").toString()));
        List<Integer> ids = new CopyOnWriteArrayList<>();
        try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(beforeAll).positionStore(PositionStore.inMemory())
                .filter(TableFilter.builder().include(live.database() + ".restarted").build())
                .listener(change -> ids.add((Integer) change.after().get("id"))).build()) {
            live.execute("INSERT INTO restarted VALUES (1)");
            client.start();
            awaitSize(ids, 1);

            client.close();
            assertThat(client.state()).isEqualTo(ClientState.STOPPED);
            live.execute("INSERT INTO restarted VALUES (2)");
            client.start();
            awaitSize(ids, 2);
            assertThat(ids).as("started again after the last committed change").containsExactly(1, 2);

            assertThatThrownBy(() -> client.startAt(beforeAll)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only be changed while the client is stopped");
            client.restart(Duration.ofSeconds(5));
            live.execute("INSERT INTO restarted VALUES (3)");
            awaitSize(ids, 3);
            assertThat(ids).as("restarted while running: nothing repeated").containsExactly(1, 2, 3);

            client.close();
            client.startAt(beforeAll);
            client.start();
            awaitSize(ids, 6);
            assertThat(ids).as("sent back to the first position").containsExactly(1, 2, 3, 1, 2, 3);
            assertThat(client.statistics().rows().get(ChangeType.INSERT)).as("counters go on").isEqualTo(6L);
        }
    }

    private static void awaitSize(List<Integer> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }
}
