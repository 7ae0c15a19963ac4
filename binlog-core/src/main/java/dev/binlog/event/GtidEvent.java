package dev.binlog.event;

import java.util.UUID;

/**
 * MySQL GTID, ANONYMOUS_GTID and GTID_TAGGED (8.3+): starts a transaction and names it. Fields an older server did not
 * write are {@code null}.
 *
 * @param flags                    GTID flags (bit 0: may contain statement-based changes)
 * @param sourceId                 server UUID part of the GTID (all zero for anonymous)
 * @param tag                      GTID tag, or {@code ""} when untagged (the convention of {@link dev.binlog.GtidSet})
 * @param gno                      transaction number (0 for anonymous)
 * @param lastCommitted            logical clock: commit parent (5.7+)
 * @param sequenceNumber           logical clock: this transaction (5.7+)
 * @param immediateCommitTimestamp commit time on the immediate source, microseconds since the epoch (8.0+)
 * @param originalCommitTimestamp  commit time on the originating source (8.0+)
 * @param transactionLength        length of the transaction in bytes including this event (8.0.2+)
 * @param immediateServerVersion   version of the immediate source, e.g. 80031 (8.0.14+)
 * @param originalServerVersion    version of the originating source (8.0.14+)
 * @param commitGroupTicket        binlog group commit ticket (tagged events), or {@code null}
 */
public record GtidEvent(
        EventHeader header,
        int flags,
        UUID sourceId,
        String tag,
        long gno,
        Long lastCommitted,
        Long sequenceNumber,
        Long immediateCommitTimestamp,
        Long originalCommitTimestamp,
        Long transactionLength,
        Integer immediateServerVersion,
        Integer originalServerVersion,
        Long commitGroupTicket) implements BinlogEvent {

    public GtidEvent {
        tag = tag == null ? "" : tag;
    }

    /** Whether this is an ANONYMOUS_GTID event (GTID mode off). */
    public boolean anonymous() {
        return header.type() == EventType.ANONYMOUS_GTID;
    }

    /** The GTID as MySQL prints it ({@code uuid:gno} or {@code uuid:tag:gno}), or {@code null} when anonymous. */
    public String gtid() {
        if (anonymous()) {
            return null;
        }
        return tag.isEmpty() ? sourceId + ":" + gno : sourceId + ":" + tag + ":" + gno;
    }
}
