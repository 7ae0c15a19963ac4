package dev.binlog.event;

import java.util.BitSet;
import java.util.List;

/**
 * Deleted rows (DELETE_ROWS v0/v1/v2 and MariaDB's compressed forms).
 *
 * @param includedColumns columns the before images include
 * @param rows            the deleted rows
 */
public record DeleteRowsEvent(
        EventHeader header,
        long tableId,
        TableMapEvent table,
        int flags,
        RowsExtraInfo extraInfo,
        BitSet includedColumns,
        List<RowImage> rows) implements RowsEvent {

    public DeleteRowsEvent {
        includedColumns = (BitSet) includedColumns.clone();
        rows = List.copyOf(rows);
    }

    @Override
    public BitSet includedColumns() {
        return (BitSet) includedColumns.clone();
    }

    @Override
    public int rowCount() {
        return rows.size();
    }
}
