package dev.binlog.spring.mapping;

import dev.binlog.Row;
import java.util.List;
import java.util.Map;

/**
 * Turns a row image into the type a listener asked for.
 *
 * @param <T> the target type
 */
public interface RowMapper<T> {

    /** The row as a {@code T}, or {@code null} for a {@code null} row. */
    T map(Row row);

    /** The target type. */
    Class<T> type();

    /**
     * What would go wrong mapping rows of a table with these columns: fields without a column, lossy conversions;
     * each problem one sentence naming table, column and field. Empty when rows map cleanly.
     *
     * @param table       {@code schema.table}, for the messages
     * @param columnTypes column name to its SQL type as {@code information_schema.COLUMNS.COLUMN_TYPE} says
     */
    default List<String> check(String table, Map<String, String> columnTypes) {
        return List.of();
    }
}
