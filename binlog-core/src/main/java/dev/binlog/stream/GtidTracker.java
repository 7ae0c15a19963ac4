package dev.binlog.stream;

/**
 * Keeps the GTID state executed so far (a MySQL GTID set or a MariaDB GTID list) in its text form, so committed
 * positions can carry it.
 */
public interface GtidTracker {

    /** Adds one committed transaction's GTID and returns the state including it, or {@code null} when unknown. */
    String committed(String gtid);

    /** The state now, or {@code null} when it is not known (e.g. the stream started mid-file without GTIDs). */
    String current();

    /** The complete state at this point became known (PREVIOUS_GTIDS, GTID_LIST, or a GTID start position). */
    default void known(String state) {
    }

    /** For servers without GTIDs, or when the state at the start is unknown. */
    GtidTracker NONE = new GtidTracker() {
        @Override
        public String committed(String gtid) {
            return null;
        }

        @Override
        public String current() {
            return null;
        }
    };
}
