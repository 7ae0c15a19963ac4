package dev.binlog.stream;

import java.util.List;

/** The columns of one table, in ordinal order, as read from {@code information_schema}. */
public record TableSchema(String schema, String table, List<ColumnSchema> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
    }
}
