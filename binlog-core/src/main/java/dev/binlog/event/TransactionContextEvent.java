package dev.binlog.event;

import java.util.List;

/**
 * TRANSACTION_CONTEXT (group replication): the certification information of a transaction.
 *
 * @param serverUuid      UUID of the server that ran it
 * @param threadId        session id
 * @param gtidSpecified   whether the GTID was set by the session
 * @param snapshotVersion encoded GTID snapshot version
 * @param writeSet        write set hashes as written
 * @param readSet         read set hashes as written
 */
public record TransactionContextEvent(
        EventHeader header,
        String serverUuid,
        long threadId,
        boolean gtidSpecified,
        byte[] snapshotVersion,
        List<String> writeSet,
        List<String> readSet) implements BinlogEvent {
}
