package dev.binlog.stream;

import dev.binlog.Row;
import dev.binlog.RowChange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One incremental chunk, held from its {@code SELECT} until the stream reaches the chunk's high watermark. A change the
 * stream delivers meanwhile to a key of the chunk drops that row: the change is newer than, or as new as, what the
 * {@code SELECT} read, and emitting the read row after it would put an older state back. Keys match by their exact
 * values (the bytes the server stores): both images of a change are looked up, so a key changed in case or in
 * trailing spaces under a case-insensitive collation is matched by its old image.
 */
final class SnapshotWindow {

    private final String id;
    private final String schema;
    private final String table;
    private final List<String> keyColumns;
    private final Map<List<Object>, RowChange> rows = new LinkedHashMap<>();
    private int dropped;

    SnapshotWindow(String id, String schema, String table, List<String> keyColumns) {
        this.id = id;
        this.schema = schema;
        this.table = table;
        this.keyColumns = List.copyOf(keyColumns);
    }

    String id() {
        return id;
    }

    void add(RowChange read) {
        rows.put(key(read.after()), read);
    }

    /** A change the stream delivered while the window is open. */
    void observe(RowChange change) {
        if (!change.table().equals(table) || !change.schema().equals(schema)) {
            return;
        }
        drop(change.before());
        drop(change.after());
    }

    private void drop(Row image) {
        if (image != null && image.has(keyColumns.get(0)) && rows.remove(key(image)) != null) {
            dropped++;
        }
    }

    /** The rows left to emit, in key order. */
    Collection<RowChange> rows() {
        return rows.values();
    }

    /** Rows the stream changed while the window was open. */
    int dropped() {
        return dropped;
    }

    private List<Object> key(Row row) {
        List<Object> key = new ArrayList<>(keyColumns.size());
        for (String column : keyColumns) {
            Object value = row.get(column);
            key.add(value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value);
        }
        return key;
    }
}
