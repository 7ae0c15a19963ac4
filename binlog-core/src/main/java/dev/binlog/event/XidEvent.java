package dev.binlog.event;

/**
 * XID: commit of a transaction on a transactional engine; ends the transaction.
 *
 * @param xid the transaction id of the commit (unsigned 64 bit)
 */
public record XidEvent(EventHeader header, long xid) implements BinlogEvent {
}
