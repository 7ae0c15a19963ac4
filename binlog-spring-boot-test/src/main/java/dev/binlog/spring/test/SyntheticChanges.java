package dev.binlog.spring.test;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the core's values ({@link RowChange}, affected tables of a DDL) from what a test gives. */
final class SyntheticChanges {

    private static final String NAME = "((?:`(?:[^`]|``)+`|[\\w$]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[\\w$]+))?)";
    private static final Pattern ONE_TABLE = Pattern.compile(
            "^\\s*(?:alter\\s+(?:online\\s+|ignore\\s+)*table|create\\s+(?:or\\s+replace\\s+)?(?:temporary\\s+)?table"
                    + "(?:\\s+if\\s+not\\s+exists)?|truncate(?:\\s+table)?"
                    + "|(?:create\\s+(?:unique\\s+|fulltext\\s+|spatial\\s+)?|drop\\s+)index\\s+\\S+\\s+on)\\s+" + NAME,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_TABLES = Pattern.compile(
            "^\\s*drop\\s+(?:temporary\\s+)?tables?\\s+(?:if\\s+exists\\s+)?(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RENAME_TABLES = Pattern.compile("^\\s*rename\\s+tables?\\s+(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NAME_ITEM = Pattern.compile(NAME);

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

    /** The {@code schema.table} names a DDL statement changes, for the common forms; empty for others. */
    static List<String> affectedTables(String statement, String defaultSchema) {
        Matcher one = ONE_TABLE.matcher(statement);
        if (one.find()) {
            return List.of(qualify(one.group(1), defaultSchema));
        }
        List<String> tables = new ArrayList<>();
        Matcher drop = DROP_TABLES.matcher(statement);
        if (drop.find()) {
            String list = drop.group(1).replaceAll("(?i)\\s+(restrict|cascade)\\s*$", "");
            for (String item : list.split(",")) {
                Matcher name = NAME_ITEM.matcher(item.trim());
                if (name.lookingAt()) {
                    tables.add(qualify(name.group(1), defaultSchema));
                }
            }
            return List.copyOf(tables);
        }
        Matcher rename = RENAME_TABLES.matcher(statement);
        if (rename.find()) {
            for (String pair : rename.group(1).split(",")) {
                for (String side : pair.split("(?i)\\s+to\\s+")) {
                    Matcher name = NAME_ITEM.matcher(side.trim());
                    if (name.lookingAt()) {
                        tables.add(qualify(name.group(1), defaultSchema));
                    }
                }
            }
        }
        return List.copyOf(tables);
    }

    private static String qualify(String name, String defaultSchema) {
        List<String> parts = Arrays.stream(name.split("\\s*\\.\\s*(?=(?:[^`]*`[^`]*`)*[^`]*$)"))
                .map(SyntheticChanges::unquote).toList();
        if (parts.size() == 2) {
            return parts.get(0) + "." + parts.get(1);
        }
        return defaultSchema == null ? parts.get(0) : defaultSchema + "." + parts.get(0);
    }

    private static String unquote(String part) {
        String trimmed = part.trim();
        return trimmed.startsWith("`") && trimmed.endsWith("`") && trimmed.length() >= 2
                ? trimmed.substring(1, trimmed.length() - 1).replace("``", "`") : trimmed;
    }
}
