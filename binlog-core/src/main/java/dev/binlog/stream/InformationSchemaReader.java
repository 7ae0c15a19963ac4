package dev.binlog.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a table's columns from {@code information_schema} over a second connection, for servers that do not write
 * column names into TABLE_MAP events ({@code binlog_row_metadata=MINIMAL}, or MySQL before 8.0.1, MariaDB before 10.5).
 */
final class InformationSchemaReader {

    private final SqlQueries queries;

    InformationSchemaReader(SqlQueries queries) {
        this.queries = queries;
    }

    /** The table's current columns, or {@code null} when the table does not exist (any more). */
    TableSchema read(String schema, String table) {
        String sql = "SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.COLUMN_KEY, co.ID"
                + " FROM information_schema.COLUMNS c"
                + " LEFT JOIN information_schema.COLLATIONS co ON co.COLLATION_NAME = c.COLLATION_NAME"
                + " WHERE c.TABLE_SCHEMA = " + quote(schema) + " AND c.TABLE_NAME = " + quote(table)
                + " ORDER BY c.ORDINAL_POSITION";
        List<String[]> rows = queries.query(sql);
        if (rows.isEmpty()) {
            return null;
        }
        return toSchema(schema, table, rows);
    }

    /** Rows of (name, data type, column type, key, collation id). */
    private static TableSchema toSchema(String schema, String table, List<String[]> rows) {
        List<ColumnSchema> columns = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            String dataType = row[1].toLowerCase(Locale.ROOT);
            String columnType = row[2];
            columns.add(new ColumnSchema(row[0], dataType, columnType,
                    columnType.toLowerCase(Locale.ROOT).contains("unsigned"),
                    row[4] == null ? null : Integer.valueOf(row[4]),
                    dataType.equals("enum") ? ColumnTypeValues.parse(row[2]) : null,
                    dataType.equals("set") ? ColumnTypeValues.parse(row[2]) : null,
                    "PRI".equalsIgnoreCase(row[3])));
        }
        return new TableSchema(schema, table, columns);
    }

    /**
     * Every user table's columns in one query, keyed by {@code schema.table}: read when a stream starts at the end of
     * the log, so the definitions it works with are those of the moment it starts, not of a later DDL.
     */
    java.util.Map<String, TableSchema> readAll() {
        String sql = "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.COLUMN_KEY, co.ID"
                + " FROM information_schema.COLUMNS c"
                + " LEFT JOIN information_schema.COLLATIONS co ON co.COLLATION_NAME = c.COLLATION_NAME"
                + " WHERE c.TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema')"
                + " ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION";
        java.util.Map<String, List<String[]>> rowsByTable = new java.util.LinkedHashMap<>();
        for (String[] row : queries.query(sql)) {
            rowsByTable.computeIfAbsent(row[0] + "." + row[1], k -> new ArrayList<>())
                    .add(java.util.Arrays.copyOfRange(row, 2, row.length));
        }
        java.util.Map<String, TableSchema> tables = new java.util.HashMap<>();
        rowsByTable.forEach((key, rows) -> {
            int dot = key.indexOf('.');
            tables.put(key, toSchema(key.substring(0, dot), key.substring(dot + 1), rows));
        });
        return tables;
    }

    /** A string literal for the text protocol: backslash and quote escaped, which both MySQL and MariaDB accept. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
