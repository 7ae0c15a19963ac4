package dev.binlog;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One row of one table that was inserted, updated or deleted, as committed.
 *
 * @param type           INSERT, UPDATE or DELETE
 * @param schema         database name
 * @param table          table name
 * @param before         the row before the change (UPDATE and DELETE), else {@code null}
 * @param after          the row after the change (INSERT and UPDATE), else {@code null}
 * @param changedColumns for UPDATE, the names of the columns whose value changed; empty otherwise
 * @param primaryKey     primary key column names to values (of the after image, or the before image for DELETE);
 *                       empty when the table has no primary key or it is not known
 * @param metadata       position, GTID, timestamps and the like
 */
public record RowChange(
        ChangeType type,
        String schema,
        String table,
        Row before,
        Row after,
        Set<String> changedColumns,
        Map<String, Object> primaryKey,
        ChangeMetadata metadata) {

    public RowChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(metadata, "metadata");
        changedColumns = changedColumns == null ? Set.of() : changedColumns;
        primaryKey = primaryKey == null ? Map.of() : primaryKey;
    }

    /** {@code schema.table}. */
    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** The after image, or the before image for a DELETE. */
    public Row row() {
        return after != null ? after : before;
    }

    /** Values are left out so row data never reaches a log through toString. */
    @Override
    public String toString() {
        return "RowChange[" + type + " " + qualifiedTable() + " at " + metadata.binlogFile() + ":"
                + metadata.position() + " row " + metadata.rowIndex() + "]";
    }
}
