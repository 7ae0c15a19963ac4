package dev.binlog.kafka;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.core.JsonGenerator;

/**
 * Debezium's MySQL change event, as its JSON converter writes it with schemas off. A delete is followed by a tombstone
 * (when enabled); an update that changes the key is a delete of the old key (and its tombstone) then a create of the
 * new, as Debezium publishes it.
 */
final class DebeziumFormat implements RecordFormat {

    private final Topics topics;
    private final RecordKeys keys;
    private final boolean tombstones;
    private final String sourceName;
    private final String version;
    private final JsonBytes json = new JsonBytes();

    DebeziumFormat(Topics topics, RecordKeys keys, boolean tombstones, String sourceName, String version) {
        this.topics = topics;
        this.keys = keys;
        this.tombstones = tombstones;
        this.sourceName = sourceName;
        this.version = version;
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> rowChange(RowChange change, RowPlace place) {
        String topic = topics.rows(change.schema(), change.table());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(2);
        if (change.type() == ChangeType.UPDATE && keys.keyChanged(change)) {
            byte[] oldKey = key(keys.key(change, change.before()));
            records.add(new ProducerRecord<>(topic, oldKey, value(change, change.before(), null, "d")));
            if (tombstones) {
                records.add(new ProducerRecord<>(topic, oldKey, null));
            }
            records.add(new ProducerRecord<>(topic, key(keys.key(change, change.after())),
                    value(change, null, change.after(), "c")));
            return records;
        }
        byte[] key = key(keys.key(change, change.row()));
        records.add(new ProducerRecord<>(topic, key, value(change, change.before(), change.after(), op(change.type()))));
        if (change.type() == ChangeType.DELETE && tombstones) {
            records.add(new ProducerRecord<>(topic, key, null));
        }
        return records;
    }

    @Override
    public ProducerRecord<byte[], byte[]> schemaChange(SchemaChange change) {
        String database = database(change);
        byte[] key = json.write(out -> {
            out.writeStartObject();
            out.writeStringProperty("databaseName", database);
            out.writeEndObject();
        });
        byte[] value = json.write(out -> {
            out.writeStartObject();
            out.writeName("source");
            out.writeStartObject();
            out.writeStringProperty("version", version);
            out.writeStringProperty("connector", "mysql");
            out.writeStringProperty("name", sourceName);
            out.writeNullProperty("ts_ms");
            out.writeStringProperty("snapshot", "false");
            out.writeStringProperty("db", database);
            out.writeNullProperty("sequence");
            out.writeNullProperty("table");
            out.writeNullProperty("server_id");
            out.writeStringProperty("gtid", change.gtid());
            out.writeStringProperty("file", change.position().file());
            out.writeNumberProperty("pos", change.position().position());
            out.writeNumberProperty("row", 0);
            out.writeNullProperty("thread");
            out.writeNullProperty("query");
            out.writeEndObject();
            out.writeNumberProperty("ts_ms", System.currentTimeMillis());
            out.writeStringProperty("databaseName", database);
            out.writeNullProperty("schemaName");
            out.writeStringProperty("ddl", change.statement());
            out.writeName("tableChanges");
            out.writeStartArray();
            String type = tableChangeType(change.statement());
            for (String table : change.affectedTables()) {
                out.writeStartObject();
                out.writeStringProperty("type", type);
                out.writeStringProperty("id", quotedId(table));
                out.writeNullProperty("table");
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        });
        return new ProducerRecord<>(topics.schemaChanges(), key, value);
    }

    @Override
    public ProducerRecord<byte[], byte[]> snapshotMarker(SnapshotMarker marker) {
        return null;
    }

    @Override
    public boolean marksCommit() {
        return false;
    }

    private byte[] key(Map<String, Object> key) {
        return json.write(out -> {
            out.writeStartObject();
            key.forEach((column, value) -> {
                out.writeName(column);
                DebeziumValues.INSTANCE.write(out, value, ColumnFacts.UNKNOWN);
            });
            out.writeEndObject();
        });
    }

    private byte[] value(RowChange change, Row before, Row after, String op) {
        ChangeMetadata metadata = change.metadata();
        return json.write(out -> {
            out.writeStartObject();
            out.writeName("before");
            row(out, before);
            out.writeName("after");
            row(out, after);
            out.writeName("source");
            out.writeStartObject();
            out.writeStringProperty("version", version);
            out.writeStringProperty("connector", "mysql");
            out.writeStringProperty("name", sourceName);
            out.writeNumberProperty("ts_ms", metadata.timestamp() == null ? 0 : metadata.timestamp().toEpochMilli());
            out.writeStringProperty("snapshot", change.type() == ChangeType.READ ? "true" : "false");
            out.writeStringProperty("db", change.schema());
            out.writeNullProperty("sequence");
            out.writeStringProperty("table", change.table());
            out.writeNumberProperty("server_id", metadata.serverId());
            out.writeStringProperty("gtid", metadata.gtid());
            out.writeStringProperty("file", metadata.binlogFile());
            out.writeNumberProperty("pos", metadata.position());
            out.writeNumberProperty("row", metadata.rowIndex());
            if (metadata.threadId() == null) {
                out.writeNullProperty("thread");
            } else {
                out.writeNumberProperty("thread", metadata.threadId());
            }
            out.writeStringProperty("query", metadata.query());
            out.writeEndObject();
            out.writeStringProperty("op", op);
            out.writeNumberProperty("ts_ms", System.currentTimeMillis());
            out.writeNullProperty("transaction");
            out.writeEndObject();
        });
    }

    private static void row(JsonGenerator out, Row row) {
        if (row == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
            if (row.isPresent(i)) {
                out.writeName(row.names().get(i));
                DebeziumValues.INSTANCE.write(out, row.get(i), ColumnFacts.of(row, i));
            }
        }
        out.writeEndObject();
    }

    private static String op(ChangeType type) {
        return switch (type) {
            case INSERT -> "c";
            case UPDATE -> "u";
            case DELETE -> "d";
            case READ -> "r";
        };
    }

    static String database(SchemaChange change) {
        if (!change.affectedTables().isEmpty()) {
            String first = change.affectedTables().get(0);
            int dot = first.indexOf('.');
            if (dot > 0) {
                return first.substring(0, dot);
            }
        }
        return change.schema() == null ? "" : change.schema();
    }

    private static String tableChangeType(String statement) {
        String start = statement.stripLeading().toUpperCase(Locale.ROOT);
        if (start.startsWith("CREATE")) {
            return "CREATE";
        }
        if (start.startsWith("DROP")) {
            return "DROP";
        }
        return "ALTER";
    }

    private static String quotedId(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? "\"" + qualified + "\"" : "\"" + qualified.substring(0, dot) + "\".\""
                + qualified.substring(dot + 1) + "\"";
    }
}
