package dev.binlog.kafka;

import dev.binlog.Column;
import dev.binlog.Row;

/**
 * What a value writer needs to know of a column beyond its value: fractional-second precision, JSON, BIT width.
 *
 * @param fractionDigits 0-6, or -1 when the column is not known
 * @param json           a JSON column (MySQL's binary JSON)
 * @param bitWidth       a BIT column's width in bits, or 0
 */
record ColumnFacts(int fractionDigits, boolean json, int bitWidth) {

    static final ColumnFacts UNKNOWN = new ColumnFacts(-1, false, 0);

    static ColumnFacts of(Row row, int index) {
        Column column = row.column(index);
        if (column == null || column.type() == null) {
            return UNKNOWN;
        }
        return switch (column.type()) {
            case JSON -> new ColumnFacts(-1, true, 0);
            case BIT -> new ColumnFacts(-1, false, (column.metadata() >> 8) * 8 + (column.metadata() & 0xff));
            case TIME2, DATETIME2, TIMESTAMP2 -> new ColumnFacts(Math.min(6, column.metadata()), false, 0);
            case TIME, DATETIME, TIMESTAMP -> new ColumnFacts(0, false, 0);
            default -> UNKNOWN;
        };
    }
}
