package dev.binlog.client;

import dev.binlog.BinlogPosition;
import dev.binlog.GtidSet;
import dev.binlog.MariaDbGtidList;
import java.time.Instant;
import java.util.Objects;

/** Where a {@link ReplicationClient} starts reading on its first connection. */
public sealed interface StartPosition {

    /** The oldest event still on the server: the first file of {@code SHOW BINARY LOGS}. */
    static StartPosition earliest() {
        return new Earliest();
    }

    /** Only events written after the client connects: the current end of {@code SHOW MASTER STATUS}. */
    static StartPosition latest() {
        return new Latest();
    }

    /** An explicit file and offset, e.g. one saved from {@link ReplicationClient#position()}. */
    static StartPosition of(String file, long position) {
        return new AtFile(new BinlogPosition(file, position));
    }

    /** MySQL: every transaction not in {@code executed} ({@code COM_BINLOG_DUMP_GTID}); needs gtid_mode=ON. */
    static StartPosition gtid(GtidSet executed) {
        return new AtGtidSet(executed);
    }

    /** MariaDB: after these GTIDs, one per domain ({@code @slave_connect_state}). */
    static StartPosition mariaDbGtid(MariaDbGtidList state) {
        return new AtMariaDbGtid(state);
    }

    /** The first transaction written at or after {@code time} (second precision, the binlog's own). */
    static StartPosition timestamp(Instant time) {
        return new AtTimestamp(time);
    }

    record Earliest() implements StartPosition {
    }

    record Latest() implements StartPosition {
    }

    record AtFile(BinlogPosition position) implements StartPosition {
        public AtFile {
            Objects.requireNonNull(position, "position");
        }
    }

    record AtGtidSet(GtidSet executed) implements StartPosition {
        public AtGtidSet {
            Objects.requireNonNull(executed, "executed");
        }
    }

    record AtMariaDbGtid(MariaDbGtidList state) implements StartPosition {
        public AtMariaDbGtid {
            Objects.requireNonNull(state, "state");
        }
    }

    record AtTimestamp(Instant time) implements StartPosition {
        public AtTimestamp {
            Objects.requireNonNull(time, "time");
        }
    }
}
