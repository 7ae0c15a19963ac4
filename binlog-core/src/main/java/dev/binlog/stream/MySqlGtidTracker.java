package dev.binlog.stream;

import dev.binlog.GtidSet;

/**
 * MySQL's executed GTID set: known from a GTID start position or a file's PREVIOUS_GTIDS event, then grown by each
 * committed transaction. Until it is known, positions carry no GTID set (never an incomplete one).
 */
public final class MySqlGtidTracker implements GtidTracker {

    private GtidSet executed;

    @Override
    public void known(String state) {
        executed = GtidSet.parse(state == null ? "" : state);
    }

    @Override
    public String committed(String gtid) {
        if (executed == null) {
            return null;
        }
        executed = executed.add(gtid);
        return executed.toString();
    }

    @Override
    public String current() {
        return executed == null ? null : executed.toString();
    }
}
