package dev.binlog.cli.format;

import dev.binlog.Column;
import dev.binlog.Row;
import dev.binlog.RowChange;

/** Column facts from the rows themselves: the fractional precision of temporal columns, JSON and BIT columns. */
public final class RowColumnInfo implements ColumnInfoSource {

    @Override
    public ColumnInfo column(RowChange change, int index) {
        Row row = change.row();
        Column column = row == null ? null : row.column(index);
        if (column == null || column.type() == null) {
            return ColumnInfo.UNKNOWN;
        }
        return switch (column.type()) {
            case JSON -> ColumnInfo.jsonColumn();
            case BIT -> ColumnInfo.bitColumn();
            case TIME2, DATETIME2, TIMESTAMP2 -> ColumnInfo.temporal(Math.min(6, column.metadata()));
            case TIME, DATETIME, TIMESTAMP -> ColumnInfo.temporal(0);
            default -> ColumnInfo.UNKNOWN;
        };
    }
}
