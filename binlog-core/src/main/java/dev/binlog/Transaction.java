package dev.binlog;

import java.time.Instant;

/**
 * A transaction's boundary: delivered once when it begins and once when it commits.
 *
 * @param gtid              the transaction's GTID, or {@code null} when the server has none
 * @param xid               the XID of the commit (InnoDB transactions), or {@code null}; {@code null} at begin
 * @param beginTimestamp    timestamp of the transaction's first event
 * @param commitTimestamp   timestamp of the commit event; {@code null} at begin
 * @param beginPosition     where the transaction starts (a consumer that resumes here sees it again)
 * @param committedPosition the position just after the commit, with the GTID state including this transaction: what a
 *                          position store saves; {@code null} at begin
 * @param rowCount          rows delivered in this transaction so far
 */
public record Transaction(
        String gtid,
        Long xid,
        Instant beginTimestamp,
        Instant commitTimestamp,
        BinlogPosition beginPosition,
        BinlogPosition committedPosition,
        long rowCount) {

    public boolean committed() {
        return committedPosition != null;
    }
}
