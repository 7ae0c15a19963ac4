package dev.binlog.event;

import java.util.BitSet;
import java.util.List;

/**
 * Inserted rows (WRITE_ROWS v0/v1/v2 and MariaDB's compressed forms).
 *
 * @param includedColumns columns the after images include
 * @param rows            the inserted rows
 */
public record WriteRowsEvent(
        EventHeader header,
        long tableId,
        TableMapEvent table,
        int flags,
        RowsExtraInfo extraInfo,
        BitSet includedColumns,
        List<RowImage> rows) implements RowsEvent {

    public WriteRowsEvent {
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
