package dev.binlog.event;

import dev.binlog.MariaDbGtid;
import java.util.List;

/**
 * MariaDB GTID_LIST: the last GTID of every domain in earlier binlog files.
 *
 * @param flags the 4 flag bits stored with the count
 * @param gtids the GTIDs, one per domain and server
 */
public record MariaGtidListEvent(EventHeader header, int flags, List<MariaDbGtid> gtids) implements BinlogEvent {

    public MariaGtidListEvent {
        gtids = List.copyOf(gtids);
    }
}
