package dev.binlog.spring.listener;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A row change as the JSON a dead letter keeps, and back: {@code type}, {@code schema}, {@code table},
 * {@code before}, {@code after} (column name to value), {@code changedColumns}, {@code primaryKey} and
 * {@code metadata} ({@code file}, {@code position}, {@code rowIndex}, {@code gtid}, {@code serverId},
 * {@code timestamp}). Numbers, strings, booleans and null are kept as JSON has them (fractions read back as
 * {@code BigDecimal}, so a DECIMAL keeps its digits); bytes as base64, times and
 * other values as their text; a replayed change carries these JSON values, which the listener's mapping converts.
 */
public final class DeadLetterPayload {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private DeadLetterPayload() {
    }

    /** The change as JSON. */
    public static String toJson(RowChange change) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", change.type().name());
        map.put("schema", change.schema());
        map.put("table", change.table());
        map.put("before", image(change.before()));
        map.put("after", image(change.after()));
        map.put("changedColumns", List.copyOf(change.changedColumns()));
        map.put("primaryKey", values(change.primaryKey()));
        ChangeMetadata m = change.metadata();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("file", m.binlogFile());
        metadata.put("position", m.position());
        metadata.put("rowIndex", m.rowIndex());
        metadata.put("gtid", m.gtid());
        metadata.put("xid", m.xid());
        metadata.put("serverId", m.serverId());
        metadata.put("timestamp", m.timestamp() == null ? null : m.timestamp().toString());
        map.put("metadata", metadata);
        return JSON.writeValueAsString(map);
    }

    /** The primary key as JSON, e.g. {@code {"id":2}}. */
    public static String keyJson(RowChange change) {
        return JSON.writeValueAsString(values(change.primaryKey()));
    }

    /** The change a payload describes, with the values JSON gives. */
    @SuppressWarnings("unchecked")
    public static RowChange fromJson(String json) {
        Map<String, Object> map = JSON.readValue(json, Map.class);
        Map<String, Object> before = (Map<String, Object>) map.get("before");
        Map<String, Object> after = (Map<String, Object>) map.get("after");
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        if (after != null) {
            columns.addAll(after.keySet());
        }
        if (before != null) {
            columns.addAll(before.keySet());
        }
        ColumnNames names = new ColumnNames(new ArrayList<>(columns));
        Map<String, Object> m = (Map<String, Object>) map.get("metadata");
        Object timestamp = m.get("timestamp");
        Object xid = m.get("xid");
        ChangeMetadata metadata = new ChangeMetadata((String) m.get("file"), ((Number) m.get("position")).longValue(),
                (String) m.get("gtid"), xid == null ? null : ((Number) xid).longValue(),
                ((Number) m.get("serverId")).longValue(), timestamp == null ? null : Instant.parse((String) timestamp),
                ((Number) m.get("rowIndex")).intValue(), null, null);
        List<String> changed = (List<String>) map.getOrDefault("changedColumns", List.of());
        Map<String, Object> key = (Map<String, Object>) map.getOrDefault("primaryKey", Map.of());
        return new RowChange(ChangeType.valueOf((String) map.get("type")), (String) map.get("schema"),
                (String) map.get("table"), row(names, before), row(names, after), new LinkedHashSet<>(changed),
                new LinkedHashMap<>(key), metadata);
    }

    private static Map<String, Object> image(Row row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            if (row.isPresent(i)) {
                map.put(row.names().get(i), value(row.get(i)));
            }
        }
        return map;
    }

    private static Map<String, Object> values(Map<String, Object> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, value(v)));
        return map;
    }

    private static Object value(Object value) {
        if (value == null || value instanceof Number || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        return value.toString();
    }

    private static Row row(ColumnNames names, Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        Object[] row = new Object[names.size()];
        java.util.BitSet present = new java.util.BitSet(names.size());
        for (int i = 0; i < names.size(); i++) {
            if (values.containsKey(names.get(i))) {
                row[i] = values.get(names.get(i));
                present.set(i);
            }
        }
        return new Row(names, row, present.cardinality() == names.size() ? null : present);
    }
}
