package dev.binlog.stream;

import dev.binlog.Column;
import dev.binlog.ColumnNames;
import java.util.List;

/**
 * A table as the stream uses it for one TABLE_MAP: its columns with everything known about them (names, signedness,
 * charsets), and whether the filter lets its rows through.
 *
 * @param tableId            the TABLE_MAP's table id
 * @param schema             database name
 * @param table              table name
 * @param columns            columns in order, enriched from metadata or information_schema
 * @param names              their names (positional {@code @n} where unknown)
 * @param primaryKeyIndexes  0-based indexes of the primary key columns, empty when unknown or none
 * @param included           whether rows of this table reach the listener
 */
record ResolvedTable(long tableId, String schema, String table, List<Column> columns, ColumnNames names,
        int[] primaryKeyIndexes, boolean included) {
}
