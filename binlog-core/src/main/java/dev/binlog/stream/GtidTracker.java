package dev.binlog.stream;

import dev.binlog.GtidState;

/**
 * Keeps the GTID state executed so far (a MySQL GTID set or a MariaDB GTID list), so committed positions can carry
 * it.
 */
interface GtidTracker {

    /**
     * Adds one committed transaction's GTID (in its server's text form, as transactions report it) and returns the
     * state including it, or {@code null} when unknown.
     */
    GtidState committed(String gtid);

    /** The state now, or {@code null} when it is not known (e.g. the stream started mid-file without GTIDs). */
    GtidState current();

    /**
     * The complete state at this point became known (PREVIOUS_GTIDS, GTID_LIST, or a GTID start position).
     *
     * @throws IllegalArgumentException when the state is of the other server family
     */
    default void known(GtidState state) {
    }

    /** For servers without GTIDs, or when the state at the start is unknown. */
    GtidTracker NONE = new GtidTracker() {
        @Override
        public GtidState committed(String gtid) {
            return null;
        }

        @Override
        public GtidState current() {
            return null;
        }
    };
}
