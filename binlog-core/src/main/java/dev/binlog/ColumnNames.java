package dev.binlog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The column names of one table version, with what is known of each column's type, shared by every {@link Row} of
 * that table so rows carry no per-row name map.
 * Names come from TABLE_MAP metadata, from the schema source, or are MySQL's positional {@code @1}, {@code @2}… when
 * neither is available.
 */
public final class ColumnNames {

    private final List<String> names;
    private final List<Column> columns;
    private final Map<String, Integer> indexByName;

    public ColumnNames(List<String> names) {
        this(names, null);
    }

    /**
     * @param names   column names in table order
     * @param columns what is known of each column (type, metadata, charset…), or {@code null}; an element is
     *                {@code null} for a column nothing is known of
     */
    public ColumnNames(List<String> names, List<Column> columns) {
        if (columns != null && columns.size() != names.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + columns.size() + " columns");
        }
        this.names = List.copyOf(names);
        this.columns = columns == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(columns));
        this.indexByName = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            indexByName.putIfAbsent(names.get(i), i);
            indexByName.putIfAbsent(names.get(i).toLowerCase(java.util.Locale.ROOT), i);
        }
    }

    /** Positional names {@code @1}…{@code @n}, used when nothing better is known. */
    public static ColumnNames positional(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "@" + (i + 1);
        }
        return new ColumnNames(List.of(names));
    }

    public int size() {
        return names.size();
    }

    public String get(int index) {
        return names.get(index);
    }

    /** The index of a column (exact name first, then case-insensitively), or -1. */
    public int indexOf(String name) {
        Integer index = indexByName.get(name);
        if (index == null) {
            index = indexByName.get(name.toLowerCase(java.util.Locale.ROOT));
        }
        return index == null ? -1 : index;
    }

    /** What is known of the column at {@code index}: binlog type, metadata, charset…; {@code null} when not known. */
    public Column column(int index) {
        return columns == null ? null : columns.get(index);
    }

    public List<String> asList() {
        return names;
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
