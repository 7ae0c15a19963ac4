package dev.binlog.event;

import dev.binlog.MariaDbGtid;

/**
 * MariaDB GTID: starts an event group (a transaction or a DDL) and names it.
 *
 * @param gtid       the GTID (server id from the header)
 * @param flags      flags: 1 standalone, 2 group commit id, 4 transactional, 8 allow parallel, 16 waited,
 *                   32 DDL, 64 prepared XA, 128 completed XA
 * @param commitId   group commit id, or {@code null}
 * @param xaFormatId XA format id for XA event groups, or {@code null}
 * @param xid        XA gtrid+bqual bytes for XA event groups, or {@code null}
 * @param extraFlags MariaDB 10.5+ extra flags byte, or {@code null}
 */
public record MariaGtidEvent(EventHeader header, MariaDbGtid gtid, int flags, Long commitId, Integer xaFormatId,
                             byte[] xid, Integer extraFlags) implements BinlogEvent {

    public static final int FL_STANDALONE = 1;
    public static final int FL_GROUP_COMMIT_ID = 2;
    public static final int FL_TRANSACTIONAL = 4;
    public static final int FL_DDL = 32;
    public static final int FL_PREPARED_XA = 64;
    public static final int FL_COMPLETED_XA = 128;

    /** Whether the group is a transaction ending with XID or COMMIT (not {@link #FL_STANDALONE}). */
    public boolean standalone() {
        return (flags & FL_STANDALONE) != 0;
    }
}
