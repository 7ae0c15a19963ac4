package dev.binlog.stream;

import dev.binlog.GtidState;
import dev.binlog.MariaDbGtid;
import dev.binlog.MariaDbGtidList;

/**
 * MariaDB's GTID position: the last GTID of each replication domain. Known fully from a GTID start position or a file's
 * GTID_LIST event; a stream that starts mid-file learns each domain from its first transaction, which is exact for the
 * usual single-domain server.
 */
final class MariaDbGtidTracker implements GtidTracker {

    private MariaDbGtidList state = MariaDbGtidList.empty();

    @Override
    public void known(GtidState list) {
        if (list != null && !(list instanceof MariaDbGtidList)) {
            throw new IllegalArgumentException("the MySQL GTID set '" + list + "' cannot be the GTID state of a"
                    + " MariaDB server; start from a MariaDB GTID list (0-1-42) or a file and position");
        }
        state = list == null ? MariaDbGtidList.empty() : (MariaDbGtidList) list;
    }

    @Override
    public GtidState committed(String gtid) {
        state = state.with(MariaDbGtid.parse(gtid));
        return state;
    }

    @Override
    public GtidState current() {
        return state.isEmpty() ? null : state;
    }
}
