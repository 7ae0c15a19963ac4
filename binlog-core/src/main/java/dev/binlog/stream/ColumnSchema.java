package dev.binlog.stream;

import java.util.List;

/**
 * One column as {@code information_schema.COLUMNS} describes it.
 *
 * @param name        column name
 * @param dataType    {@code DATA_TYPE}, lower case ({@code int}, {@code varchar}, {@code uuid}…)
 * @param columnType  {@code COLUMN_TYPE} as the server writes it ({@code int(10) unsigned}, {@code tinyint(1)}, {@code enum('a','b')})
 * @param unsigned    whether {@code COLUMN_TYPE} says {@code unsigned}
 * @param collationId id of the column's collation, or {@code null} for non-character columns
 * @param enumValues  ENUM value names, or {@code null}
 * @param setValues   SET value names, or {@code null}
 * @param primaryKey  whether the column is part of the primary key
 */
public record ColumnSchema(String name, String dataType, String columnType, boolean unsigned, Integer collationId,
        List<String> enumValues, List<String> setValues, boolean primaryKey) {
}
