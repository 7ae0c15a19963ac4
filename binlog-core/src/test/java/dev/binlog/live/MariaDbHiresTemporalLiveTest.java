package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.ColumnType;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * Tables created with {@code mysql56_temporal_format=OFF} (as on MariaDB 5.3–10.0) store TIME(n), DATETIME(n) and
 * TIMESTAMP(n) in MariaDB's own layout, which the binlog does not describe; with the precision from
 * information_schema they decode to the values SELECT shows.
 */
class MariaDbHiresTemporalLiveTest {

    @LiveTest
    void oldMariaDbFractionalTemporalLayoutsDecodeWithTheSchemasPrecision(LiveServer live) throws Exception {
        live.execute("SET GLOBAL mysql56_temporal_format = OFF");
        try {
            live.execute("DROP TABLE IF EXISTS hires",
                    "CREATE TABLE hires (id INT PRIMARY KEY, t3 TIME(3), tn6 TIME(6), d1 DATETIME(1),"
                            + " d6 DATETIME(6), s2 TIMESTAMP(2) NULL, s5 TIMESTAMP(5) NULL)");
        } finally {
            live.execute("SET GLOBAL mysql56_temporal_format = ON");
        }
        RecordingListener listener = new RecordingListener();
        try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(live.database() + ".hires").build())
                .listener(listener).build()) {
            client.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (client.state() != ClientState.STREAMING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            live.execute("SET @@SESSION.time_zone = '+00:00'",
                    "INSERT INTO hires VALUES (1, '12:34:56.789', '-838:59:58.000001', '2024-02-29 23:59:59.9',"
                            + " '1000-01-01 00:00:00.000001', '2021-06-01 10:00:00.25', '2038-01-19 03:14:07.99999')");
            listener.awaitCommits(1);
        }
        dev.binlog.Row after = listener.changes().get(0).after();
        assertThat(after.column(1).type()).as("old TIME type code, not TIME2").isEqualTo(ColumnType.TIME);
        assertThat(after.column(3).type()).isEqualTo(ColumnType.DATETIME);
        assertThat(after.column(5).type()).isEqualTo(ColumnType.TIMESTAMP);
        Map<String, Object> row = after.asMap();
        assertThat(row.get("t3")).isEqualTo(Duration.parse("PT12H34M56.789S"));
        assertThat(row.get("tn6")).isEqualTo(Duration.parse("PT838H59M58.000001S").negated());
        assertThat(row.get("d1")).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 900_000_000));
        assertThat(row.get("d6")).isEqualTo(LocalDateTime.of(1000, 1, 1, 0, 0, 0, 1_000));
        assertThat(row.get("s2")).isEqualTo(Instant.parse("2021-06-01T10:00:00.25Z"));
        assertThat(row.get("s5")).isEqualTo(Instant.parse("2038-01-19T03:14:07.99999Z"));
    }
}
