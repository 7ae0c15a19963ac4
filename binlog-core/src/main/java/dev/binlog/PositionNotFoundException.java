package dev.binlog;

/** The requested start position no longer exists on the server (purged binary log, unknown GTID, bad offset). */
public class PositionNotFoundException extends BinlogException {

    public PositionNotFoundException(String message) {
        super(message);
    }

    public PositionNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
