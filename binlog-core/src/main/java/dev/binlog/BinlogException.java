package dev.binlog;

/**
 * Root of every exception binlog throws. Messages say what happened, where (server, binlog file and position, table,
 * column) and what to do about it.
 */
public class BinlogException extends RuntimeException {

    public BinlogException(String message) {
        super(message);
    }

    public BinlogException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether reconnecting and trying again may succeed (network faults do; wrong passwords and purged logs don't). */
    public boolean retryable() {
        return false;
    }
}
