package dev.binlog.event;

import dev.binlog.Column;
import java.util.List;

/**
 * TABLE_MAP: binds a table id to a table and its column types for the row events that follow, with the optional
 * metadata ({@code binlog_row_metadata}) applied to the {@link Column}s.
 *
 * @param tableId          id the row events refer to
 * @param flags            table map flags
 * @param schema           database name
 * @param table            table name
 * @param columns          the columns, in table order
 * @param primaryKey       0-based indexes of primary key columns in key order, empty when not written
 * @param primaryKeyPrefix prefix length per primary key column (0 = whole column), same order as {@code primaryKey}
 */
public record TableMapEvent(
        EventHeader header,
        long tableId,
        int flags,
        String schema,
        String table,
        List<Column> columns,
        List<Integer> primaryKey,
        List<Integer> primaryKeyPrefix) implements BinlogEvent {

    public TableMapEvent {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        primaryKeyPrefix = List.copyOf(primaryKeyPrefix);
    }

    /** {@code schema.table}. */
    public String qualifiedName() {
        return schema + "." + table;
    }

    /** The same table map, as the event with this header (a repeat of identical bytes elsewhere in the log). */
    public TableMapEvent at(EventHeader otherHeader) {
        return new TableMapEvent(otherHeader, tableId, flags, schema, table, columns, primaryKey, primaryKeyPrefix);
    }
}
