package dev.binlog.stream;

import dev.binlog.Column;
import dev.binlog.ColumnNames;
import java.util.ArrayList;
import java.util.List;

/**
 * A table a snapshot copies: its columns as {@code information_schema} describes them and its primary key, in key
 * order, by which it is read in chunks.
 *
 * @param schema       the table's schema
 * @param definition   its columns
 * @param keyIndexes   positions of the primary-key columns in {@code definition}, in key order
 * @param keyCharsets  for each key column, its character set name, or {@code null} when it holds no text
 * @param estimatedRows the server's estimate of the table's rows
 * @param castAsDouble whether the server has {@code CAST(x AS DOUBLE)}, by which FLOAT columns are read without the
 *                     rounding of their text form (six digits)
 */
record SnapshotTable(String schema, TableSchema definition, int[] keyIndexes, String[] keyCharsets,
        long estimatedRows, boolean castAsDouble) {

    String table() {
        return definition.table();
    }

    String qualified() {
        return schema + "." + definition.table();
    }

    List<ColumnSchema> columns() {
        return definition.columns();
    }

    /** Names and, for the columns whose formatting depends on it (temporal precision, JSON, BIT), their types. */
    ColumnNames names() {
        List<ColumnSchema> columns = columns();
        List<Column> described = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            described.add(SchemaColumns.column(i, columns.get(i)));
        }
        return new ColumnNames(columns.stream().map(ColumnSchema::name).toList(), described);
    }
}
