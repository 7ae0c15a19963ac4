package dev.binlog.spring.listener;

import dev.binlog.Row;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A row's present columns as a read-only map for conditions, reading a column only when the condition asks for it
 * ({@code #row.total} decodes {@code total} and nothing else). Equal to {@link Row#asMap()}: same keys, same values;
 * iterating it decodes every column.
 */
final class RowColumns extends AbstractMap<String, Object> {

    private final Row row;

    private RowColumns(Row row) {
        this.row = row;
    }

    static Map<String, Object> of(Row row) {
        return row == null ? null : new RowColumns(row);
    }

    @Override
    public boolean containsKey(Object key) {
        return index(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int index = index(key);
        return index < 0 ? null : row.get(index);
    }

    /** The column's index when the row has exactly this name and the image includes it, else -1 (as asMap's keys). */
    private int index(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        int index = row.names().indexOf(name);
        return index >= 0 && row.names().get(index).equals(name) && row.isPresent(index) ? index : -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return row.asMap().entrySet();
    }
}
