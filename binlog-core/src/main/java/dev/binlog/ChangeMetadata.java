package dev.binlog;

import java.time.Instant;

/**
 * Where and when a row change happened.
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
        String query) {

    public BinlogPosition binlogPosition() {
        return new BinlogPosition(binlogFile, position);
    }
}
