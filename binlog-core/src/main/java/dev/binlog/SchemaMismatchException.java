package dev.binlog;

/**
 * Column names for a rows event cannot be assigned safely: the binary log carries no names and the table's current
 * definition no longer matches the event (the reader is behind a DDL), or the table no longer exists. The stream
 * stops rather than label a column wrongly; the message names the table, the position and the fix.
 */
public class SchemaMismatchException extends BinlogException {

    public SchemaMismatchException(String message) {
        super(message);
    }
}
