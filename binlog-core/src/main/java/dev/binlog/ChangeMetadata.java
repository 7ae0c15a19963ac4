package dev.binlog;

import java.time.Instant;

/**
 * Where and when a row change happened.
 *
 * <p>{@link #position()} is where the rows event is, which is not a place to resume from: a stream started there
 * lacks the TABLE_MAP the rows need and is refused. Resume from {@link #transactionStart()} (the change's transaction
 * is delivered again, whole) or from {@link Transaction#committedPosition()} at the commit (the next transaction).
 *
 * @param binlogFile binary log file of the rows event
 * @param position   offset of the rows event in that file
 * @param gtid       GTID of the transaction ({@code uuid:n}, {@code uuid:tag:n} or MariaDB {@code domain-server-seq}),
 *                   or {@code null}
 * @param xid        XID of the transaction when its commit has one (known only at commit: {@code null} here until the
 *                   transaction ends, see {@link Transaction})
 * @param serverId   id of the server that wrote the event
 * @param timestamp  when the transaction committed (server clock, seconds): the timestamp of its GTID event, which
 *                   MySQL 5.7+ and MariaDB 10+ write at commit; on servers without GTID events, the rows event's
 *                   timestamp (the statement's start)
 * @param rowIndex   0-based index of the row within its rows event
 * @param threadId   id of the session that made the change, from the transaction's QUERY event, or {@code null}
 * @param query      the SQL statement from ROWS_QUERY / ANNOTATE_ROWS when the server logs it, else {@code null}
 * @param transactionStart where the change's transaction starts (its GTID event, or its BEGIN where the server writes
 *                   no GTID events): a resume point that delivers this transaction again; {@code null} when not known
 */
public record ChangeMetadata(
        String binlogFile,
        long position,
        String gtid,
        Long xid,
        long serverId,
        Instant timestamp,
        int rowIndex,
        Long threadId,
        String query,
        BinlogPosition transactionStart) {

    /** A change whose transaction start is not known ({@link #transactionStart()} is {@code null}). */
    public ChangeMetadata(String binlogFile, long position, String gtid, Long xid, long serverId, Instant timestamp,
            int rowIndex, Long threadId, String query) {
        this(binlogFile, position, gtid, xid, serverId, timestamp, rowIndex, threadId, query, null);
    }

    /** Where the rows event is; see the class comment for where to resume. */
    public BinlogPosition binlogPosition() {
        return new BinlogPosition(binlogFile, position);
    }
}
