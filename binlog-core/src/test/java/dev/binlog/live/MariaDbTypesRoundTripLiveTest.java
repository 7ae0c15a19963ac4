package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import dev.binlog.value.Geometry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** MariaDB's own UUID, INET4 and INET6 types, and GEOMETRY, as SELECT shows them. */
class MariaDbTypesRoundTripLiveTest {

    @LiveTest
    void uuidInetAndGeometryValuesMatchWhatSelectReturns(LiveServer live) throws Exception {
        roundTrip(live);
    }

    /** The text form does not depend on the metadata setting: with FULL the columns look like BINARY(n). */
    @LiveTest
    void uuidAndInetValuesAreTextWithFullRowMetadata(LiveServer live) throws Exception {
        withRowMetadata(live, "FULL");
    }

    @LiveTest
    void uuidAndInetValuesAreTextWithMinimalRowMetadata(LiveServer live) throws Exception {
        withRowMetadata(live, "MINIMAL");
    }

    private static void withRowMetadata(LiveServer live, String metadata) throws Exception {
        live.execute("SET GLOBAL binlog_row_metadata = " + metadata);
        try {
            roundTrip(live);
        } finally {
            live.execute("SET GLOBAL binlog_row_metadata = DEFAULT");
        }
    }

    private static void roundTrip(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS net",
                "CREATE TABLE net (id INT PRIMARY KEY, u UUID, v4 INET4, v6 INET6, g GEOMETRY)");
        RecordingListener listener = new RecordingListener();
        try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(live.database() + ".net").build())
                .listener(listener).build()) {
            client.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (client.state() != ClientState.STREAMING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            live.execute("INSERT INTO net VALUES"
                    + " (1, '6ccd780c-baba-1026-9564-5b8c656024db', '192.168.10.1', '2001:db8::ff00:42:8329',"
                    + "  ST_GeomFromText('POINT(1 2)', 4326)),"
                    + " (2, '123e4567-e89b-42d3-a456-426614174000', '0.0.0.0', '::ffff:10.0.0.1',"
                    + "  ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 0))')),"
                    + " (3, UUID(), '255.255.255.255', '::', ST_GeomFromText('MULTIPOINT(1 1,2 2)'))");
            listener.awaitCommits(1);
        }
        List<Map<String, Object>> selected = live.query(
                "SELECT id, CAST(u AS CHAR) u, CAST(v4 AS CHAR) v4, CAST(v6 AS CHAR) v6, ST_AsText(g) g,"
                        + " ST_SRID(g) srid FROM net ORDER BY id");
        assertThat(listener.changes()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> decoded = listener.changes().get(i).after().asMap();
            Map<String, Object> expected = selected.get(i);
            assertThat(decoded.get("u")).as("UUID row %s", i + 1).isEqualTo(expected.get("u"));
            assertThat(decoded.get("v4")).as("INET4 row %s", i + 1).isEqualTo(expected.get("v4"));
            assertThat(decoded.get("v6")).as("INET6 row %s", i + 1).isEqualTo(expected.get("v6"));
            Geometry geometry = (Geometry) decoded.get("g");
            assertThat(geometry.toWkt()).as("WKT row %s", i + 1).isEqualTo(expected.get("g"));
            assertThat((long) geometry.srid()).isEqualTo(((Number) expected.get("srid")).longValue());
        }
        Map<String, Object> first = listener.changes().get(0).after().asMap();
        assertThat(first.get("u")).isEqualTo("6ccd780c-baba-1026-9564-5b8c656024db");
        assertThat(first.get("v4")).isEqualTo("192.168.10.1");
        assertThat(first.get("v6")).isEqualTo("2001:db8::ff00:42:8329");
    }
}
