package dev.binlog.event;

/**
 * XA_PREPARE: {@code XA PREPARE} or {@code XA COMMIT … ONE PHASE} of an XA transaction.
 *
 * @param onePhase whether it was a one-phase commit
 * @param formatId XID format id
 * @param gtrid    global transaction id bytes
 * @param bqual    branch qualifier bytes
 */
public record XaPrepareEvent(EventHeader header, boolean onePhase, int formatId, byte[] gtrid, byte[] bqual)
        implements BinlogEvent {
}
