package dev.binlog.event;

import java.util.BitSet;

/**
 * A row event of any version (v0 of MySQL 5.1 pre-GA, v1, v2, MariaDB compressed, MySQL PARTIAL_UPDATE_ROWS), with
 * its rows decoded against the TABLE_MAP it refers to.
 */
public sealed interface RowsEvent extends BinlogEvent permits WriteRowsEvent, UpdateRowsEvent, DeleteRowsEvent {

    /** Table id from the event; the same as {@code table().tableId()}. */
    long tableId();

    /** The TABLE_MAP that describes the table. */
    TableMapEvent table();

    /** Rows event flags ({@code STMT_END_F} = 1, …). */
    int flags();

    /** Extra row info (v2 events), or {@link RowsExtraInfo#NONE}. */
    RowsExtraInfo extraInfo();

    /** Columns of the table the (first) image includes. */
    BitSet includedColumns();

    /** Number of rows in the event. */
    int rowCount();

    /** Whether this event ends a statement: table maps are released after it. */
    default boolean statementEnd() {
        return (flags() & 1) != 0;
    }
}
