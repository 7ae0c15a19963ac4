package dev.binlog.cli.format;

import dev.binlog.RowChange;

/**
 * Looks up the {@link ColumnInfo} of a column of a changed row's table. binlog-core does not expose column types on
 * {@link dev.binlog.Row} yet, so the commands use {@link #unknown()}; once it does, an adapter over the row's column
 * descriptions plugs in here without touching the formatters.
 */
@FunctionalInterface
public interface ColumnInfoSource {

    /** Facts about the column at {@code index} of the table {@code change} belongs to. */
    ColumnInfo column(RowChange change, int index);

    /** Knows nothing about any column. */
    static ColumnInfoSource unknown() {
        return (change, index) -> ColumnInfo.UNKNOWN;
    }
}
