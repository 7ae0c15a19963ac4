package dev.binlog.stream;

import dev.binlog.GtidSet;
import dev.binlog.GtidState;

/**
 * MySQL's executed GTID set: known from a GTID start position or a file's PREVIOUS_GTIDS event, then grown by each
 * committed transaction. Until it is known, positions carry no GTID set (never an incomplete one).
 */
final class MySqlGtidTracker implements GtidTracker {

    private GtidSet executed;

    @Override
    public void known(GtidState state) {
        if (state != null && !(state instanceof GtidSet)) {
            throw new IllegalArgumentException("the MariaDB GTID list '" + state + "' cannot be the GTID state of a"
                    + " MySQL server; start from a MySQL GTID set (uuid:1-5) or a file and position");
        }
        executed = state == null ? GtidSet.empty() : (GtidSet) state;
    }

    @Override
    public GtidState committed(String gtid) {
        if (executed == null) {
            return null;
        }
        executed = executed.add(gtid);
        return executed;
    }

    @Override
    public GtidState current() {
        return executed;
    }
}
