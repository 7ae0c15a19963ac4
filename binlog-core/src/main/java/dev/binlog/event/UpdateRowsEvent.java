package dev.binlog.event;

import java.util.BitSet;
import java.util.List;

/**
 * Updated rows (UPDATE_ROWS v0/v1/v2, MariaDB's compressed forms and MySQL's PARTIAL_UPDATE_ROWS, see
 * {@link #partial()}).
 *
 * @param includedColumns      columns the before images include
 * @param includedAfterColumns columns the after images include
 * @param rows                 the updated rows
 */
public record UpdateRowsEvent(
        EventHeader header,
        long tableId,
        TableMapEvent table,
        int flags,
        RowsExtraInfo extraInfo,
        BitSet includedColumns,
        BitSet includedAfterColumns,
        List<UpdatedRow> rows) implements RowsEvent {

    public UpdateRowsEvent {
        includedColumns = (BitSet) includedColumns.clone();
        includedAfterColumns = (BitSet) includedAfterColumns.clone();
        rows = List.copyOf(rows);
    }

    @Override
    public BitSet includedColumns() {
        return (BitSet) includedColumns.clone();
    }

    public BitSet includedAfterColumns() {
        return (BitSet) includedAfterColumns.clone();
    }

    @Override
    public int rowCount() {
        return rows.size();
    }

    /** Whether this came from a PARTIAL_UPDATE_ROWS event (JSON columns may have been logged as diffs). */
    public boolean partial() {
        return header.type() == EventType.PARTIAL_UPDATE_ROWS;
    }
}
