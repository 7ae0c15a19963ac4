package dev.binlog.kafka;

/**
 * Where a row change stands in its transaction.
 *
 * @param index 0-based index among the transaction's rows
 * @param last  whether it is the transaction's last row (known when the sink holds rows back by one)
 * @param xid   the transaction's XID, known at its last row; else {@code null}
 */
record RowPlace(long index, boolean last, Long xid) {
}
