package dev.binlog.stream;

import dev.binlog.Column;
import dev.binlog.ColumnType;
import java.util.Locale;

/**
 * The {@link Column} a row read by {@code SELECT} has, from its {@code information_schema} description: what the
 * binlog's TABLE_MAP would say of the facts consumers format by (temporal precision, JSON, BIT), so that a snapshot
 * row and a streamed row of one table carry the same column descriptions.
 */
final class SchemaColumns {

    private SchemaColumns() {
    }

    static Column column(int index, ColumnSchema schema) {
        String dataType = schema.dataType().toLowerCase(Locale.ROOT);
        int precision = precision(schema.columnType());
        Column column = switch (dataType) {
            case "datetime" -> Column.of(index, ColumnType.DATETIME2, Math.max(0, precision), true);
            case "timestamp" -> Column.of(index, ColumnType.TIMESTAMP2, Math.max(0, precision), true);
            case "time" -> Column.of(index, ColumnType.TIME2, Math.max(0, precision), true);
            case "date" -> Column.of(index, ColumnType.DATE, 0, true);
            case "json" -> Column.of(index, ColumnType.JSON, 4, true);
            case "bit" -> Column.of(index, ColumnType.BIT, bitMetadata(Math.max(1, precision)), true);
            case "year" -> Column.of(index, ColumnType.YEAR, 0, true);
            default -> null;
        };
        if (column == null) {
            return null;
        }
        return column.withName(schema.name()).withUnsigned(schema.unsigned()).withPrimaryKey(schema.primaryKey())
                .withDataTypeName(schema.columnType());
    }

    /** The number in {@code datetime(3)} or {@code bit(12)}, or -1 when there is none. */
    private static int precision(String columnType) {
        int open = columnType == null ? -1 : columnType.indexOf('(');
        int close = open < 0 ? -1 : columnType.indexOf(')', open);
        if (close < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(columnType.substring(open + 1, close).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** TABLE_MAP's BIT metadata: whole bytes in the high byte, remaining bits in the low one. */
    private static int bitMetadata(int bits) {
        return (bits / 8) << 8 | bits % 8;
    }
}
