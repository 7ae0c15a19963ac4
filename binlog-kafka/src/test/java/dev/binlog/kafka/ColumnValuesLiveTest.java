package dev.binlog.kafka;

import static dev.binlog.kafka.DebeziumFormatTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.PositionStore;
import dev.binlog.StartPosition;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotMode;
import dev.binlog.stream.SnapshotSettings;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import dev.binlog.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Column values in both formats, for a row copied by the snapshot and the same values inserted afterwards: the two
 * records carry equal values (a snapshot row is written like a streamed one), and those values follow each format's
 * conventions.
 */
class ColumnValuesLiveTest {

    private static final String COLUMNS = "(id INT PRIMARY KEY, d DATE, dt DATETIME(3), dt6 DATETIME(6), ts TIMESTAMP(0)"
            + " NULL, t TIME(2), amount DECIMAL(10,2), flag BIT(1), bits BIT(12), bin VARBINARY(4), tags SET('a','b','c'),"
            + " doc JSON)";
    private static final String VALUES = "'2026-11-23', '2026-11-23 10:15:30.250', '2026-11-23 10:15:30.123456',"
            + " '2026-11-23 10:15:30', '-01:02:03.45', 12.30, b'1', b'101', x'cafe', 'a,c', '{\"k\": [1, 2]}'";

    @LiveTest
    void debeziumValuesOfSnapshotAndStreamedRowsAgree(LiveServer live) throws Exception {
        JsonNode[] afters = snapshotThenStream(live, "dbz_values", KafkaFormat.DEBEZIUM);
        JsonNode streamed = afters[1];
        assertThat(streamed.get("d").asLong()).as("DATE: days since the epoch").isEqualTo(20780);
        assertThat(streamed.get("dt").asLong()).as("DATETIME(3): epoch milliseconds").isEqualTo(1795428930250L);
        assertThat(streamed.get("dt6").asLong()).as("DATETIME(6): epoch microseconds").isEqualTo(1795428930123456L);
        assertThat(streamed.get("ts").asString()).as("TIMESTAMP: ISO-8601 in UTC").endsWith("Z");
        assertThat(streamed.get("t").asLong()).as("TIME: microseconds").isEqualTo(-3_723_450_000L);
        assertThat(streamed.get("amount").asString()).as("DECIMAL: a string").isEqualTo("12.30");
        assertThat(streamed.get("flag").asBoolean()).as("BIT(1): a boolean").isTrue();
        assertThat(streamed.get("bits").asLong()).isEqualTo(5);
        assertThat(streamed.get("bin").asString()).as("binary: base64").isEqualTo("yv4=");
        assertThat(streamed.get("tags").asString()).as("SET: its names, comma-separated").isEqualTo("a,c");
        assertThat(json(streamed.get("doc").asString().getBytes(StandardCharsets.UTF_8)))
                .as("JSON: its text").isEqualTo(json("{\"k\":[1,2]}"));
        assertThat(afters[0]).as("the snapshot row's values").isEqualTo(streamed);
    }

    @LiveTest
    void maxwellValuesOfSnapshotAndStreamedRowsAgree(LiveServer live) throws Exception {
        JsonNode[] data = snapshotThenStream(live, "mxw_values", KafkaFormat.MAXWELL);
        JsonNode streamed = data[1];
        assertThat(streamed.get("d").asString()).isEqualTo("2026-11-23");
        assertThat(streamed.get("dt").asString()).isEqualTo("2026-11-23 10:15:30.250");
        assertThat(streamed.get("dt6").asString()).isEqualTo("2026-11-23 10:15:30.123456");
        assertThat(streamed.get("t").asString()).isEqualTo("-01:02:03.45");
        assertThat(streamed.get("amount").decimalValue()).isEqualByComparingTo("12.30");
        assertThat(streamed.get("tags")).as("SET: an array").hasSize(2);
        // MariaDB's JSON is LONGTEXT under another name: its binlog says text, so Maxwell writes a string
        assertThat(json(streamed.get("doc").asString().getBytes(StandardCharsets.UTF_8))).isEqualTo(
                json("{\"k\":[1,2]}"));
        assertThat(data[0]).as("the snapshot row's values").isEqualTo(streamed);
    }

    /** The row's values as the snapshot copied it (id 1) and as the stream delivered it (id 2), without the id. */
    private static JsonNode[] snapshotThenStream(LiveServer live, String table, KafkaFormat format) throws Exception {
        live.execute("CREATE TABLE " + table + " " + COLUMNS, "INSERT INTO " + table + " VALUES (1, " + VALUES + ")");
        String prefix = TestKafka.uniquePrefix(table);
        try (KafkaSink sink = KafkaSink.builder().bootstrapServers(TestKafka.bootstrapServers()).topicPrefix(prefix)
                .format(format).build();
                BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                        .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                        .tlsMode(dev.binlog.TlsMode.DISABLED).positionStore(PositionStore.inMemory())
                        .startPosition(StartPosition.latest())
                        .snapshot(SnapshotSettings.of(SnapshotMode.INITIAL))
                        .filter(dev.binlog.TableFilter.builder().include(live.database() + "." + table).build())
                        .listener(sink).build()) {
            client.start();
            KafkaSinks.await(() -> client.committedPosition().isPresent(), Duration.ofSeconds(30), "the snapshot");
            live.execute("INSERT INTO " + table + " VALUES (2, " + VALUES + ")");
            KafkaSinks.awaitCommitted(client, KafkaSinks.end(live));
        }
        List<ConsumerRecord<String, String>> records = TestKafka.read(prefix + "." + live.database() + "." + table,
                2, Duration.ofSeconds(20));
        String field = format == KafkaFormat.DEBEZIUM ? "after" : "data";
        List<ObjectNode> rows = records.stream()
                .map(r -> json(r.value().getBytes(StandardCharsets.UTF_8)))
                .filter(v -> v.has(field) && v.get(field).has("id"))
                .map(v -> (ObjectNode) v.get(field)).toList();
        assertThat(rows).hasSize(2);
        ObjectNode snapshot = rows.stream().filter(r -> r.get("id").asInt() == 1).findFirst().orElseThrow();
        ObjectNode streamed = rows.stream().filter(r -> r.get("id").asInt() == 2).findFirst().orElseThrow();
        snapshot.remove("id");
        streamed.remove("id");
        return new JsonNode[] {snapshot, streamed};
    }
}
