package dev.binlog.stream;

import dev.binlog.ConfigurationException;
import dev.binlog.protocol.ResultRow;
import dev.binlog.protocol.ServerConnection;
import dev.binlog.protocol.ServerInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Lists the tables a snapshot copies, each with its columns and primary key, from {@code information_schema}. */
final class SnapshotTables {

    private SnapshotTables() {
    }

    /**
     * @throws ConfigurationException when a selected table has no primary key
     */
    static List<SnapshotTable> read(ServerConnection connection, SnapshotSelection selection) {
        InformationSchemaReader columns = new InformationSchemaReader(sql -> strings(connection.query(sql)));
        List<SnapshotTable> tables = new ArrayList<>();
        for (ResultRow row : connection.query("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES"
                + " WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            String schema = row.get(0);
            String table = row.get(1);
            if (!selection.includes(schema, table)) {
                continue;
            }
            TableSchema definition = columns.read(schema, table);
            if (definition != null) {
                tables.add(withKey(connection, definition, row.get(2) == null ? 0 : Long.parseLong(row.get(2)),
                        selection.settings()));
            }
        }
        return tables;
    }

    private static SnapshotTable withKey(ServerConnection connection, TableSchema definition, long estimatedRows,
            SnapshotSettings settings) {
        String schema = definition.schema();
        List<ResultRow> key = connection.query("SELECT s.COLUMN_NAME, c.CHARACTER_SET_NAME, c.DATA_TYPE"
                + " FROM information_schema.STATISTICS s JOIN information_schema.COLUMNS c"
                + " ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME"
                + " WHERE s.TABLE_SCHEMA = " + InformationSchemaReader.quote(schema)
                + " AND s.TABLE_NAME = " + InformationSchemaReader.quote(definition.table())
                + " AND s.INDEX_NAME = 'PRIMARY' ORDER BY s.SEQ_IN_INDEX");
        if (key.isEmpty()) {
            List<String> named = settings.keyOf(schema, definition.table());
            if (named == null) {
                throw new ConfigurationException("table " + schema + "." + definition.table() + " has no primary key,"
                        + " and a snapshot reads tables in primary-key order; add one, name the columns of a unique"
                        + " NOT NULL key for it (SnapshotSettings.withKey, binlog.snapshot.keys), or leave the table out"
                        + " of the snapshot's tables");
            }
            key = namedKey(connection, definition, named);
        }
        int[] indexes = new int[key.size()];
        String[] charsets = new String[key.size()];
        for (int k = 0; k < key.size(); k++) {
            String name = key.get(k).get(0);
            String type = key.get(k).get(2).toLowerCase(Locale.ROOT);
            if (type.equals("set") || type.equals("bit") || type.equals("json") || type.endsWith("blob")) {
                throw new ConfigurationException("table " + schema + "." + definition.table() + ": its primary key"
                        + " column " + name + " is of type " + type + ", by which a snapshot cannot read in chunks");
            }
            indexes[k] = indexOf(definition, name);
            charsets[k] = key.get(k).get(1);
        }
        ServerInfo info = connection.serverInfo();
        boolean castAsDouble = info.isMariaDb() ? info.atLeast(10, 4, 0) : info.atLeast(8, 0, 17);
        return new SnapshotTable(schema, definition, indexes, charsets, estimatedRows, castAsDouble);
    }

    /**
     * The named columns, in their order, as the primary-key query gives them (name, character set, type), once they
     * are known to be NOT NULL and to hold a unique index of the table.
     */
    private static List<ResultRow> namedKey(ServerConnection connection, TableSchema definition, List<String> named) {
        String table = definition.schema() + "." + definition.table();
        String where = " WHERE TABLE_SCHEMA = " + InformationSchemaReader.quote(definition.schema())
                + " AND TABLE_NAME = " + InformationSchemaReader.quote(definition.table());
        Map<String, ResultRow> columns = new HashMap<>();
        for (ResultRow column : connection.query("SELECT COLUMN_NAME, CHARACTER_SET_NAME, DATA_TYPE, IS_NULLABLE"
                + " FROM information_schema.COLUMNS" + where)) {
            columns.put(column.get(0).toLowerCase(Locale.ROOT), column);
        }
        List<ResultRow> key = new ArrayList<>();
        for (String name : named) {
            ResultRow column = columns.get(name.toLowerCase(Locale.ROOT));
            if (column == null) {
                throw new ConfigurationException("the snapshot key named for " + table + " has column " + name
                        + ", which the table does not have (columns: " + String.join(", ", columns.keySet()) + ")");
            }
            if (!"NO".equalsIgnoreCase(column.get(3))) {
                throw new ConfigurationException("the snapshot key named for " + table + " has column " + name
                        + ", which may be NULL; a snapshot reads by a key whose columns are all NOT NULL");
            }
            key.add(column);
        }
        Map<String, Set<String>> uniqueIndexes = new LinkedHashMap<>();
        for (ResultRow index : connection.query("SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                + where + " AND NON_UNIQUE = 0")) {
            uniqueIndexes.computeIfAbsent(index.get(0), k -> new HashSet<>()).add(index.get(1).toLowerCase(Locale.ROOT));
        }
        Set<String> namedColumns = new HashSet<>();
        named.forEach(n -> namedColumns.add(n.toLowerCase(Locale.ROOT)));
        boolean unique = uniqueIndexes.values().stream().anyMatch(namedColumns::containsAll);
        if (!unique) {
            throw new ConfigurationException("the snapshot key named for " + table + " (" + String.join(", ", named)
                    + ") is not unique: no unique index of the table lies within those columns, so chunks could"
                    + " repeat or skip rows; name the columns of a unique index");
        }
        return key;
    }

    private static int indexOf(TableSchema definition, String column) {
        List<ColumnSchema> columns = definition.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalStateException("primary key column " + column + " is not a column of "
                + definition.table());
    }

    private static List<String[]> strings(List<ResultRow> rows) {
        List<String[]> strings = new ArrayList<>(rows.size());
        rows.forEach(r -> strings.add(r.values().toArray(new String[0])));
        return strings;
    }
}
