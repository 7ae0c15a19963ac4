package dev.binlog.spring.test;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.stream.DdlStatements;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Builds the core's values ({@link RowChange}, affected tables of a DDL) from what a test gives. */
final class SyntheticChanges {

    private SyntheticChanges() {
    }

    /** {@code schema.table}, checked: a test's table without its schema would never match a listener's pattern. */
    static String qualified(String table) {
        Objects.requireNonNull(table, "table");
        int dot = table.indexOf('.');
        if (dot <= 0 || dot == table.length() - 1 || table.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("'" + table + "' is not schema.table, e.g. shop.orders");
        }
        return table;
    }

    static RowChange rowChange(TestTransaction.Change change, List<String> key, ChangeMetadata metadata) {
        ColumnNames names = names(change.before(), change.after());
        Row before = image(names, change.before());
        Row after = image(names, change.after());
        Set<String> changed = change.type() == ChangeType.UPDATE ? changed(names, before, after) : Set.of();
        Row keyRow = after != null ? after : before;
        Map<String, Object> primaryKey = new LinkedHashMap<>();
        for (String column : key) {
            if (!keyRow.has(column)) {
                throw new IllegalArgumentException("the key column " + column + " of " + change.table()
                        + " is not in the row " + names + "; set the key with TestBinlog.key(table, columns...)");
            }
            primaryKey.put(column, keyRow.get(column));
        }
        return new RowChange(change.type(), change.schema(), change.tableName(), before, after, changed,
                Collections.unmodifiableMap(primaryKey), metadata);
    }

    /** The after image's columns in order, then any the before image has besides. */
    private static ColumnNames names(Map<String, ?> before, Map<String, ?> after) {
        Set<String> names = new LinkedHashSet<>();
        if (after != null) {
            names.addAll(after.keySet());
        }
        if (before != null) {
            names.addAll(before.keySet());
        }
        return new ColumnNames(new ArrayList<>(names));
    }

    /** A column the map lacks is absent from the image, as with {@code binlog_row_image=MINIMAL}. */
    private static Row image(ColumnNames names, Map<String, ?> values) {
        if (values == null) {
            return null;
        }
        Object[] row = new Object[names.size()];
        BitSet present = new BitSet(names.size());
        for (int i = 0; i < names.size(); i++) {
            if (values.containsKey(names.get(i))) {
                row[i] = values.get(names.get(i));
                present.set(i);
            }
        }
        return new Row(names, row, present.cardinality() == names.size() ? null : present);
    }

    private static Set<String> changed(ColumnNames names, Row before, Row after) {
        Set<String> changed = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (after.isPresent(i) && (!before.isPresent(i) || !Objects.deepEquals(before.get(i), after.get(i)))) {
                changed.add(names.get(i));
            }
        }
        return Collections.unmodifiableSet(changed);
    }

    /** The {@code schema.table} names a DDL statement changes, as the stream tells them. */
    static List<String> affectedTables(String statement, String defaultSchema) {
        return DdlStatements.affectedTables(statement, defaultSchema);
    }
}
