package dev.binlog.stream;

import dev.binlog.MariaDbGtid;
import dev.binlog.MariaDbGtidList;

/**
 * MariaDB's GTID position: the last GTID of each replication domain. Known fully from a GTID start position or a file's
 * GTID_LIST event; a stream that starts mid-file learns each domain from its first transaction, which is exact for the
 * usual single-domain server.
 */
public final class MariaDbGtidTracker implements GtidTracker {

    private MariaDbGtidList state = MariaDbGtidList.empty();

    @Override
    public void known(String list) {
        state = MariaDbGtidList.parse(list == null ? "" : list);
    }

    @Override
    public String committed(String gtid) {
        state = state.with(MariaDbGtid.parse(gtid));
        return state.toString();
    }

    @Override
    public String current() {
        return state.isEmpty() ? null : state.toString();
    }
}
