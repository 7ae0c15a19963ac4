package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.SchemaMismatchException;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;
import java.util.Map;

/**
 * A consumer that is behind an {@code ALTER TABLE ... ADD COLUMN} reads rows written before it: with
 * {@code binlog_row_metadata=FULL} every row carries its own names and both sides of the change are named right;
 * without, the stream stops with the documented error rather than label a column with a later definition's name.
 */
class SchemaBehindDdlLiveTest {

    private static BinlogClient client(LiveServer live, StartPosition start, RecordingListener listener) {
        return BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(start).stopAtEnd(true)
                .filter(TableFilter.builder().include(live.database() + ".items").build())
                .listener(listener).build();
    }

    private static StartPosition here(LiveServer live) {
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        return StartPosition.at(status.get("File").toString(), Long.parseLong(status.get("Position").toString()));
    }

    @LiveTest
    void fullRowMetadataNamesColumnsOnBothSidesOfTheChange(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS items", "SET GLOBAL binlog_row_metadata = FULL");
        try {
            StartPosition start = here(live);
            live.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(10))",
                    "INSERT INTO items VALUES (1, 'a')", "ALTER TABLE items ADD COLUMN price INT",
                    "INSERT INTO items VALUES (2, 'b', 7)", "ALTER TABLE items DROP COLUMN name");
            RecordingListener listener = new RecordingListener();
            try (BinlogClient client = client(live, start, listener)) {
                client.start();
                assertThat(client.awaitTermination(Duration.ofSeconds(30))).isTrue();
                assertThat(client.state()).as("error: %s", client.lastError()).isEqualTo(ClientState.STOPPED);
            }
            assertThat(listener.changes()).extracting(c -> c.after().asMap()).containsExactly(
                    Map.of("id", 1, "name", "a"), Map.of("id", 2, "name", "b", "price", 7));
        } finally {
            live.execute("SET GLOBAL binlog_row_metadata = DEFAULT");
        }
    }

    @LiveTest
    void withoutRowMetadataTheStreamStopsInsteadOfMislabelling(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS items", "SET GLOBAL binlog_row_metadata = MINIMAL");
        try {
            StartPosition start = here(live);
            live.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(10))",
                    "INSERT INTO items VALUES (1, 'a')", "ALTER TABLE items ADD COLUMN price INT");
            RecordingListener listener = new RecordingListener();
            try (BinlogClient client = client(live, start, listener)) {
                client.start();
                assertThat(client.awaitTermination(Duration.ofSeconds(30))).isTrue();
                assertThat(client.state()).isEqualTo(ClientState.FAILED);
                Throwable error = client.lastError().orElseThrow();
                while (!(error instanceof SchemaMismatchException) && error.getCause() != null) {
                    error = error.getCause();
                }
                assertThat(error).isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("the binlog event has 2 columns but the table now has 3")
                        .hasMessageContaining("binlog_row_metadata=FULL");
            }
            assertThat(listener.changes()).isEmpty();
        } finally {
            live.execute("SET GLOBAL binlog_row_metadata = DEFAULT");
        }
    }
}
