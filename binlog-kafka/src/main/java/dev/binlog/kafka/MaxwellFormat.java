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
 * Maxwell's JSON: {@code type} {@code insert}/{@code update}/{@code delete}, {@code data} the row (the deleted row for
 * a delete), {@code old} the previous values of the columns an update changed, {@code ts} in seconds, and on a
 * transaction's last row {@code "commit": true} with its {@code xid}; other rows carry {@code xoffset}, their index in
 * the transaction. {@code position} ({@code file:offset} of the rows event) is always written, so that a consumer can
 * tell a record published again after a restart by {@code position} and {@code xoffset}. Snapshot rows are
 * {@code bootstrap-insert} records between {@code bootstrap-start} and {@code bootstrap-complete}.
 */
final class MaxwellFormat implements RecordFormat {

    private final Topics topics;
    private final RecordKeys keys;
    private final boolean tombstones;
    private final JsonBytes json = new JsonBytes();

    MaxwellFormat(Topics topics, RecordKeys keys, boolean tombstones) {
        this.topics = topics;
        this.keys = keys;
        this.tombstones = tombstones;
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> rowChange(RowChange change, RowPlace place) {
        String topic = topics.rows(change.schema(), change.table());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(2);
        if (change.type() == ChangeType.UPDATE && keys.keyChanged(change)) {
            byte[] oldKey = key(change, keys.key(change, change.before()));
            records.add(new ProducerRecord<>(topic, oldKey,
                    value(change, "delete", change.before(), null, new RowPlace(place.index(), false, null))));
            if (tombstones) {
                records.add(new ProducerRecord<>(topic, oldKey, null));
            }
            records.add(new ProducerRecord<>(topic, key(change, keys.key(change, change.after())),
                    value(change, "insert", change.after(), null, place)));
            return records;
        }
        byte[] key = key(change, keys.key(change, change.row()));
        Row old = change.type() == ChangeType.UPDATE ? change.before() : null;
        records.add(new ProducerRecord<>(topic, key, value(change, type(change.type()), change.row(), old,
                place)));
        if (change.type() == ChangeType.DELETE && tombstones) {
            records.add(new ProducerRecord<>(topic, key, null));
        }
        return records;
    }

    @Override
    public ProducerRecord<byte[], byte[]> schemaChange(SchemaChange change) {
        String database = DebeziumFormat.database(change);
        String table = table(change);
        byte[] key = json.write(out -> {
            out.writeStartObject();
            out.writeStringProperty("database", database);
            out.writeEndObject();
        });
        byte[] value = json.write(out -> {
            out.writeStartObject();
            out.writeStringProperty("type", ddlType(change.statement()));
            out.writeStringProperty("database", database);
            if (table != null) {
                out.writeStringProperty("table", table);
            }
            out.writeStringProperty("sql", change.statement());
            out.writeStringProperty("position", change.position().file() + ":" + change.position().position());
            if (change.gtid() != null) {
                out.writeStringProperty("gtid", change.gtid());
            }
            out.writeEndObject();
        });
        return new ProducerRecord<>(topics.schemaChanges(), key, value);
    }

    @Override
    public ProducerRecord<byte[], byte[]> snapshotMarker(SnapshotMarker marker) {
        String type = switch (marker.kind()) {
            case TABLE_STARTED -> "bootstrap-start";
            case TABLE_FINISHED -> "bootstrap-complete";
            default -> null;
        };
        if (type == null) {
            return null;
        }
        byte[] key = json.write(out -> {
            out.writeStartObject();
            out.writeStringProperty("database", marker.schema());
            out.writeStringProperty("table", marker.table());
            out.writeEndObject();
        });
        byte[] value = json.write(out -> {
            out.writeStartObject();
            out.writeStringProperty("database", marker.schema());
            out.writeStringProperty("table", marker.table());
            out.writeStringProperty("type", type);
            out.writeNumberProperty("ts", System.currentTimeMillis() / 1000);
            out.writeName("data");
            out.writeStartObject();
            out.writeEndObject();
            out.writeEndObject();
        });
        return new ProducerRecord<>(topics.rows(marker.schema(), marker.table()), key, value);
    }

    @Override
    public boolean marksCommit() {
        return true;
    }

    private byte[] key(RowChange change, Map<String, Object> key) {
        return json.write(out -> {
            out.writeStartObject();
            out.writeStringProperty("database", change.schema());
            out.writeStringProperty("table", change.table());
            key.forEach((column, value) -> {
                out.writeName("pk." + column.toLowerCase(Locale.ROOT));
                MaxwellValues.INSTANCE.write(out, value, ColumnFacts.UNKNOWN);
            });
            out.writeEndObject();
        });
    }

    private byte[] value(RowChange change, String type, Row data, Row old, RowPlace place) {
        ChangeMetadata metadata = change.metadata();
        boolean snapshot = change.type() == ChangeType.READ;
        return json.write(out -> {
            out.writeStartObject();
            out.writeStringProperty("database", change.schema());
            out.writeStringProperty("table", change.table());
            out.writeStringProperty("type", type);
            out.writeNumberProperty("ts", metadata.timestamp() == null ? 0 : metadata.timestamp().getEpochSecond());
            if (!snapshot) {
                if (place.xid() != null) {
                    out.writeNumberProperty("xid", place.xid());
                }
                if (place.last()) {
                    out.writeBooleanProperty("commit", true);
                } else {
                    out.writeNumberProperty("xoffset", place.index());
                }
                out.writeStringProperty("position", metadata.binlogFile() + ":" + metadata.position());
                if (metadata.gtid() != null) {
                    out.writeStringProperty("gtid", metadata.gtid());
                }
                out.writeNumberProperty("server_id", metadata.serverId());
                if (metadata.threadId() != null) {
                    out.writeNumberProperty("thread_id", metadata.threadId());
                }
            }
            out.writeName("data");
            row(out, data);
            if (old != null) {
                out.writeName("old");
                out.writeStartObject();
                for (int i = 0; i < old.size(); i++) {
                    String column = old.names().get(i);
                    if (old.isPresent(i) && change.changedColumns().contains(column)) {
                        out.writeName(column);
                        MaxwellValues.INSTANCE.write(out, old.get(i), ColumnFacts.of(old, i));
                    }
                }
                out.writeEndObject();
            }
            out.writeEndObject();
        });
    }

    private static void row(JsonGenerator out, Row row) {
        out.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
            if (row.isPresent(i)) {
                out.writeName(row.names().get(i));
                MaxwellValues.INSTANCE.write(out, row.get(i), ColumnFacts.of(row, i));
            }
        }
        out.writeEndObject();
    }

    private static String type(ChangeType type) {
        return switch (type) {
            case INSERT -> "insert";
            case UPDATE -> "update";
            case DELETE -> "delete";
            case READ -> "bootstrap-insert";
        };
    }

    private static String table(SchemaChange change) {
        if (change.affectedTables().isEmpty()) {
            return null;
        }
        String first = change.affectedTables().get(0);
        int dot = first.indexOf('.');
        return dot < 0 ? first : first.substring(dot + 1);
    }

    /** Maxwell's DDL types: {@code table-create}, {@code database-drop}...; {@code ddl} for other statements. */
    private static String ddlType(String statement) {
        String[] words = statement.stripLeading().toLowerCase(Locale.ROOT).split("\\s+", 6);
        String verb = words[0];
        if (!verb.equals("create") && !verb.equals("alter") && !verb.equals("drop") && !verb.equals("rename")) {
            return "ddl";
        }
        for (int i = 1; i < words.length; i++) {
            switch (words[i]) {
                case "table" -> {
                    return "table-" + (verb.equals("rename") ? "alter" : verb);
                }
                case "database", "schema" -> {
                    return "database-" + verb;
                }
                default -> {
                    // CREATE TEMPORARY TABLE, CREATE OR REPLACE TABLE: look further
                }
            }
        }
        return "ddl";
    }
}
