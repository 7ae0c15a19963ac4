package dev.binlog.kafka;

import static dev.binlog.kafka.DebeziumFormatTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeType;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.BinlogPosition;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maxwell's JSON against the examples of Maxwell's documentation (its quick start: an insert and an update of
 * {@code test.maxwell}; its key format, {@code {"database":...,"table":...,"pk.id":...}}): the documented fields with
 * their values, plus the few this sink always adds so that a record published again after a restart can be told
 * apart ({@code position}, {@code server_id}, {@code thread_id}, and {@code xoffset} on rows before the last).
 */
class MaxwellFormatTest {

    private static final List<String> COLUMNS = List.of("id", "daemon");

    private final MaxwellFormat format = new MaxwellFormat(new Topics("maxwell", null), new RecordKeys(Map.of()),
            false);

    @Test
    void insertMatchesTheDocumentation() {
        RowChange insert = Changes.change(ChangeType.INSERT, "test", "maxwell", null,
                Changes.row(COLUMNS, 1, "Stanislaw Lem"), "id",
                Changes.at("master.000006", 800911, 1, 1449786310L, 12L, null));

        List<ProducerRecord<byte[], byte[]>> records = format.rowChange(insert, new RowPlace(0, true, 940752L));

        assertThat(records).hasSize(1);
        assertThat(json(records.get(0).key())).isEqualTo(json("{\"database\":\"test\",\"table\":\"maxwell\",\"pk.id\":1}"));
        assertThat(withoutAdded(records.get(0).value())).isEqualTo(json("""
                {"database":"test","table":"maxwell","type":"insert","ts":1449786310,"xid":940752,"commit":true,
                 "data":{"id":1,"daemon":"Stanislaw Lem"}}"""));
        assertThat(json(records.get(0).value()).get("position").asString()).isEqualTo("master.000006:800911");
    }

    @Test
    void updateMatchesTheDocumentation() {
        RowChange update = Changes.change(ChangeType.UPDATE, "test", "maxwell",
                Changes.row(COLUMNS, 1, "Stanislaw Lem"), Changes.row(COLUMNS, 1, "Firebus!  Firebus!"), "id",
                Changes.at("master.000006", 801200, 1, 1449786341L, 12L, null));

        List<ProducerRecord<byte[], byte[]>> records = format.rowChange(update, new RowPlace(0, true, 940786L));

        assertThat(withoutAdded(records.get(0).value())).isEqualTo(json("""
                {"database":"test","table":"maxwell","type":"update","ts":1449786341,"xid":940786,"commit":true,
                 "data":{"id":1,"daemon":"Firebus!  Firebus!"},"old":{"daemon":"Stanislaw Lem"}}"""));
    }

    @Test
    void rowsBeforeTheLastCarryTheirOffsetInTheTransaction() {
        RowChange delete = Changes.change(ChangeType.DELETE, "test", "maxwell", Changes.row(COLUMNS, 1, "x"), null,
                "id", Changes.at("master.000006", 801500, 1, 1449786400L, 12L, null));

        JsonNode value = json(format.rowChange(delete, new RowPlace(3, false, null)).get(0).value());

        assertThat(value.get("type").asString()).isEqualTo("delete");
        assertThat(value.get("data").get("daemon").asString()).as("a delete's data is the deleted row").isEqualTo("x");
        assertThat(value.get("xoffset").asLong()).isEqualTo(3);
        assertThat(value.has("commit")).isFalse();
        assertThat(value.has("xid")).as("the XID is known at the commit only").isFalse();
    }

    @Test
    void compositeKeyHasOneFieldPerColumnAsTheDocumentationShows() {
        Row row = Changes.row(List.of("id", "part2", "v"), 4, "hello", "x");
        RowChange insert = new RowChange(ChangeType.INSERT, "test_db", "test_table", null, row, null,
                new java.util.LinkedHashMap<>(Map.of("id", 4, "part2", "hello")) {
                    {
                        clear();
                        put("id", 4);
                        put("part2", "hello");
                    }
                }, Changes.at("master.000001", 4, 1, 1, null, null));

        assertThat(json(format.rowChange(insert, new RowPlace(0, true, 1L)).get(0).key())).isEqualTo(json(
                "{\"database\":\"test_db\",\"table\":\"test_table\",\"pk.id\":4,\"pk.part2\":\"hello\"}"));
    }

    @Test
    void snapshotRowsAreBootstrapRecordsBetweenStartAndComplete() {
        BinlogPosition at = new BinlogPosition("master.000001", 4);
        JsonNode start = json(format.snapshotMarker(new SnapshotMarker(SnapshotMarker.Kind.TABLE_STARTED, "test",
                "maxwell", 0, 1, at)).value());
        RowChange read = Changes.change(ChangeType.READ, "test", "maxwell", null, Changes.row(COLUMNS, 1, "x"), "id",
                Changes.at("master.000001", 4, 0, 1449786310L, null, null));
        JsonNode row = json(format.rowChange(read, new RowPlace(0, false, null)).get(0).value());
        JsonNode complete = json(format.snapshotMarker(new SnapshotMarker(SnapshotMarker.Kind.TABLE_FINISHED, "test",
                "maxwell", 1, 1, at)).value());

        assertThat(start.get("type").asString()).isEqualTo("bootstrap-start");
        assertThat(row.get("type").asString()).isEqualTo("bootstrap-insert");
        assertThat(row.get("data").get("daemon").asString()).isEqualTo("x");
        assertThat(complete.get("type").asString()).isEqualTo("bootstrap-complete");
    }

    private static JsonNode withoutAdded(byte[] value) {
        ObjectNode node = (ObjectNode) json(value);
        node.remove(List.of("position", "server_id", "thread_id", "xoffset", "gtid"));
        return node;
    }
}
