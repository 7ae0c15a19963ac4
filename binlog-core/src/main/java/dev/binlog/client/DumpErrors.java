package dev.binlog.client;

import dev.binlog.BinlogException;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionNotFoundException;
import dev.binlog.ProtocolException;
import dev.binlog.ServerErrorException;
import java.util.Locale;
import java.util.Set;

/** Turns an error the server sends on the binlog dump into the exception that tells the user what to do. */
final class DumpErrors {

    /** Server going away or killing our thread: reconnecting may work. */
    private static final Set<Integer> RETRYABLE = Set.of(1053, 1077, 1078, 1079, 1080, 1152, 1158, 1159, 1160,
            1161, 1927, 1836);

    /** Errors of a server that is starting, stopping or overloaded: a later attempt may succeed. */
    private static final Set<Integer> TRANSIENT = Set.of(1040, 1053, 1152, 1158, 1159, 1160, 1161, 1205, 1927);

    /** ER_MASTER_FATAL_ERROR_READING_BINLOG (MySQL 8.4: ER_SOURCE_FATAL_ERROR_READING_BINLOG), also MariaDB's. */
    private static final int ER_SOURCE_FATAL_ERROR_READING_BINLOG = 1236;

    /** MariaDB's own code for a second replica with the same server id (MySQL sends 1236 and says so in text). */
    private static final int ER_SLAVE_SAME_ID = 4052;

    private DumpErrors() {
    }

    /** Whether a reconnect attempt that failed with {@code error} should be tried again. */
    static boolean transientError(ServerErrorException error) {
        return TRANSIENT.contains(error.errorCode());
    }

    /**
     * @param where the server's endpoint
     * @param from  where this connection's dump started ({@code file:pos}, or a GTID set)
     */
    static BinlogException classify(ServerErrorException error, String where, String from, long serverId) {
        if (error.errorCode() == ER_SLAVE_SAME_ID) {
            return sameServerId(error, where, serverId);
        }
        if (error.errorCode() == ER_SOURCE_FATAL_ERROR_READING_BINLOG) {
            return classifyFatalReadError(error, where, from, serverId);
        }
        if (RETRYABLE.contains(error.errorCode())) {
            return new ProtocolException(error.getMessage(), error, true);
        }
        return error;
    }

    /**
     * Error 1236 is the server's one code for every reason a dump cannot go on (purged file, unknown GTID, an offset
     * inside an event, a second replica with our server id); the reason is only in its text, so the text is read here,
     * and only for this code.
     */
    private static BinlogException classifyFatalReadError(ServerErrorException error, String where, String from,
            long serverId) {
        String message = error.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("same server_uuid") || message.contains("same server_id")
                || message.contains("server_uuid/server_id")) {
            return sameServerId(error, where, serverId);
        }
        if (message.contains("position > file size") || message.contains("bogus data in log event")
                || message.contains("binlog truncated")) {
            return new PositionNotFoundException("the start position " + from + " on " + where + " is not the start"
                    + " of an event (an offset inside one, or past the end of the file): " + error.getMessage()
                    + TransactionBoundary.RESUME_HINT, error);
        }
        if (message.contains("could not find first log file") || message.contains("purged")
                || message.contains("not in the master's binlog") || message.contains("could not find gtid")
                || message.contains("could not open log file") || message.contains("not exist in the binlog index")
                || message.contains("which is not in the")) {
            return new PositionNotFoundException("the start position " + from + " is no longer on " + where
                    + " (purged binary log or unknown GTID): " + error.getMessage()
                    + "; start from StartPosition.earliest() or a position listed by SHOW BINARY LOGS", error);
        }
        return error;
    }

    private static ConfigurationException sameServerId(ServerErrorException error, String where, long serverId) {
        return new ConfigurationException("another replica with server id " + serverId + " (or the same server UUID)"
                + " is already streaming from " + where + "; give each client its own server id"
                + " (BinlogClient.Builder.serverId)", error);
    }
}
