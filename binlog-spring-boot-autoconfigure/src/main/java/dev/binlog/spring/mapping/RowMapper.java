package dev.binlog.spring.mapping;

import dev.binlog.Row;

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
}
