package dev.binlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeType;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Debezium envelope against the example of Debezium's MySQL connector documentation (the {@code customers} table
 * of its tutorial: create, update, delete events of row 1004, with the JSON converter's schemas off): every field the
 * documentation shows, with its value; {@code ts_ms} (the time of publishing) and {@code source.version} differ by
 * nature.
 */
class DebeziumFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS = List.of("id", "first_name", "last_name", "email");

    private final DebeziumFormat format = new DebeziumFormat(new Topics("mysql-server-1", null),
            new RecordKeys(Map.of()), true, "mysql-server-1", "binlog-test");

    @Test
    void createEventMatchesTheDocumentation() {
        Row anne = Changes.row(COLUMNS, 1004, "Anne", "Kretchmar", "annek@noanswer.org");
        RowChange insert = Changes.change(ChangeType.INSERT, "inventory", "customers", null, anne, "id",
                Changes.at("mysql-bin.000003", 154, 223344, 1465491411L, 7L,
                        "INSERT INTO customers (first_name, last_name, email) VALUES ('Anne', 'Kretchmar', "
                                + "'annek@noanswer.org')"));

        List<ProducerRecord<byte[], byte[]>> records = format.rowChange(insert, new RowPlace(0, false, null));

        assertThat(records).hasSize(1);
        assertThat(records.get(0).topic()).isEqualTo("mysql-server-1.inventory.customers");
        assertThat(json(records.get(0).key())).isEqualTo(json("{\"id\":1004}"));
        assertDocumented(records.get(0).value(), """
                {"before":null,
                 "after":{"id":1004,"first_name":"Anne","last_name":"Kretchmar","email":"annek@noanswer.org"},
                 "source":{"connector":"mysql","name":"mysql-server-1","ts_ms":1465491411000,
                   "snapshot":"false","db":"inventory","table":"customers","server_id":223344,"gtid":null,
                   "file":"mysql-bin.000003","pos":154,"row":0,"thread":7,
                   "query":"INSERT INTO customers (first_name, last_name, email) VALUES ('Anne', 'Kretchmar', 'annek@noanswer.org')"},
                 "op":"c"}""");
    }

    @Test
    void updateEventMatchesTheDocumentation() {
        Row before = Changes.row(COLUMNS, 1004, "Anne", "Kretchmar", "annek@noanswer.org");
        Row after = Changes.row(COLUMNS, 1004, "Anne Marie", "Kretchmar", "annek@noanswer.org");
        RowChange update = Changes.change(ChangeType.UPDATE, "inventory", "customers", before, after, "id",
                Changes.at("mysql-bin.000003", 484, 223344, 1465581029L, 7L,
                        "UPDATE customers SET first_name='Anne Marie' WHERE id=1004"));

        List<ProducerRecord<byte[], byte[]>> records = format.rowChange(update, new RowPlace(0, false, null));

        assertThat(records).hasSize(1);
        assertDocumented(records.get(0).value(), """
                {"before":{"id":1004,"first_name":"Anne","last_name":"Kretchmar","email":"annek@noanswer.org"},
                 "after":{"id":1004,"first_name":"Anne Marie","last_name":"Kretchmar","email":"annek@noanswer.org"},
                 "source":{"connector":"mysql","name":"mysql-server-1","ts_ms":1465581029000,
                   "snapshot":"false","db":"inventory","table":"customers","server_id":223344,"gtid":null,
                   "file":"mysql-bin.000003","pos":484,"row":0,"thread":7,
                   "query":"UPDATE customers SET first_name='Anne Marie' WHERE id=1004"},
                 "op":"u"}""");
    }

    @Test
    void deleteEventIsFollowedByATombstone() {
        Row before = Changes.row(COLUMNS, 1004, "Anne Marie", "Kretchmar", "annek@noanswer.org");
        RowChange delete = Changes.change(ChangeType.DELETE, "inventory", "customers", before, null, "id",
                Changes.at("mysql-bin.000003", 805, 223344, 1465581902L, 7L, null));

        List<ProducerRecord<byte[], byte[]>> records = format.rowChange(delete, new RowPlace(0, false, null));

        assertThat(records).hasSize(2);
        assertDocumented(records.get(0).value(), """
                {"before":{"id":1004,"first_name":"Anne Marie","last_name":"Kretchmar","email":"annek@noanswer.org"},
                 "after":null,
                 "source":{"connector":"mysql","name":"mysql-server-1","ts_ms":1465581902000,
                   "snapshot":"false","db":"inventory","table":"customers","server_id":223344,"gtid":null,
                   "file":"mysql-bin.000003","pos":805,"row":0,"thread":7,"query":null},
                 "op":"d"}""");
        assertThat(json(records.get(1).key())).as("the tombstone's key").isEqualTo(json("{\"id\":1004}"));
        assertThat(records.get(1).value()).as("a tombstone has no value").isNull();
    }

    @Test
    void keyChangeIsADeleteOfTheOldKeyThenACreateOfTheNew() {
        Row before = Changes.row(COLUMNS, 1004, "Anne", "Kretchmar", "annek@noanswer.org");
        Row after = Changes.row(COLUMNS, 2004, "Anne", "Kretchmar", "annek@noanswer.org");
        RowChange update = Changes.change(ChangeType.UPDATE, "inventory", "customers", before, after, "id",
                Changes.at("mysql-bin.000003", 900, 1, 1465581902L, 7L, null));

        List<ProducerRecord<byte[], byte[]>> records = format.rowChange(update, new RowPlace(0, false, null));

        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("{\"id\":1004}", "{\"id\":1004}", "{\"id\":2004}");
        assertThat(json(records.get(0).value()).get("op").asString()).isEqualTo("d");
        assertThat(records.get(1).value()).isNull();
        JsonNode create = json(records.get(2).value());
        assertThat(create.get("op").asString()).isEqualTo("c");
        assertThat(create.get("before").isNull()).isTrue();
        assertThat(create.get("after").get("id").asInt()).isEqualTo(2004);
    }

    @Test
    void schemaChangeGoesToThePrefixTopicKeyedByDatabase() {
        SchemaChange ddl = new SchemaChange("inventory", "ALTER TABLE customers ADD COLUMN phone VARCHAR(20)",
                List.of("inventory.customers"), new BinlogPosition("mysql-bin.000003", 1024), "0-1-77");

        ProducerRecord<byte[], byte[]> record = format.schemaChange(ddl);

        assertThat(record.topic()).isEqualTo("mysql-server-1");
        assertThat(json(record.key())).isEqualTo(json("{\"databaseName\":\"inventory\"}"));
        JsonNode value = json(record.value());
        assertThat(value.get("databaseName").asString()).isEqualTo("inventory");
        assertThat(value.get("ddl").asString()).isEqualTo("ALTER TABLE customers ADD COLUMN phone VARCHAR(20)");
        assertThat(value.get("source").get("pos").asLong()).isEqualTo(1024);
        assertThat(value.get("source").get("gtid").asString()).isEqualTo("0-1-77");
        assertThat(value.get("tableChanges").get(0).get("type").asString()).isEqualTo("ALTER");
        assertThat(value.get("tableChanges").get(0).get("id").asString()).isEqualTo("\"inventory\".\"customers\"");
    }

    /** Every field the documentation shows has its value; the only others are those the format always adds. */
    private static void assertDocumented(byte[] actual, String documented) {
        JsonNode ours = json(actual);
        JsonNode expected = json(documented);
        assertSubset(ours, expected, "");
        assertThat(ours.get("ts_ms").asLong()).as("ts_ms: when it was published").isPositive();
        assertThat(names(ours)).containsExactlyInAnyOrder("before", "after", "source", "op", "ts_ms", "transaction");
        assertThat(names(ours.get("source"))).containsExactlyInAnyOrder("version", "connector", "name", "ts_ms",
                "snapshot", "db", "sequence", "table", "server_id", "gtid", "file", "pos", "row", "thread", "query");
    }

    private static void assertSubset(JsonNode ours, JsonNode expected, String path) {
        if (!expected.isObject() || expected.isEmpty() && ours.isObject()) {
            assertThat(ours).as(path).isEqualTo(expected);
            return;
        }
        for (String name : names(expected)) {
            assertThat(ours.has(name)).as(path + "." + name + " present").isTrue();
            assertSubset(ours.get(name), expected.get(name), path + "." + name);
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new java.util.LinkedHashSet<>();
        Iterator<String> it = node.propertyNames().iterator();
        it.forEachRemaining(names::add);
        return names;
    }

    static JsonNode json(byte[] bytes) {
        return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
