package dev.binlog.stream;

import dev.binlog.ColumnNames;
import dev.binlog.Row;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The primary key of a row change as an unmodifiable map (column name → value, in key order) that reads the row
 * instead of copying it: built for every row, read by few listeners, so building it must cost next to nothing.
 */
final class PrimaryKeyMap extends AbstractMap<String, Object> {

    private final ColumnNames names;
    private final int[] indexes;
    private final Row row;

    PrimaryKeyMap(ColumnNames names, int[] indexes, Row row) {
        this.names = names;
        this.indexes = indexes;
        this.row = row;
    }

    @Override
    public int size() {
        return indexes.length;
    }

    @Override
    public Object get(Object key) {
        int at = find(key);
        return at < 0 ? null : row.get(indexes[at]);
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    private int find(Object key) {
        for (int i = 0; i < indexes.length; i++) {
            if (names.get(indexes[i]).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return indexes.length;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < indexes.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= indexes.length) {
                            throw new NoSuchElementException();
                        }
                        int column = indexes[next++];
                        return new SimpleImmutableEntry<>(names.get(column), row.get(column));
                    }
                };
            }
        };
    }
}
