package dev.binlog.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a table's columns from {@code information_schema} over a second connection, for servers that do not write
 * column names into TABLE_MAP events ({@code binlog_row_metadata=MINIMAL}, or MySQL before 8.0.1, MariaDB before 10.5).
 */
public final class InformationSchemaReader {

    private final SqlQueries queries;

    public InformationSchemaReader(SqlQueries queries) {
        this.queries = queries;
    }

    /** The table's current columns, or {@code null} when the table does not exist (any more). */
    public TableSchema read(String schema, String table) {
        String sql = "SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.COLUMN_KEY, co.ID"
                + " FROM information_schema.COLUMNS c"
                + " LEFT JOIN information_schema.COLLATIONS co ON co.COLLATION_NAME = c.COLLATION_NAME"
                + " WHERE c.TABLE_SCHEMA = " + quote(schema) + " AND c.TABLE_NAME = " + quote(table)
                + " ORDER BY c.ORDINAL_POSITION";
        List<String[]> rows = queries.query(sql);
        if (rows.isEmpty()) {
            return null;
        }
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

    /** A string literal for the text protocol: backslash and quote escaped, which both MySQL and MariaDB accept. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
