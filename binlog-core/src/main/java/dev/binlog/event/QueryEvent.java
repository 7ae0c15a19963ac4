package dev.binlog.event;

/**
 * QUERY: a statement (DDL, statement-based DML, {@code BEGIN}, {@code COMMIT}…), also MariaDB's compressed form.
 *
 * @param threadId      id of the session that ran it
 * @param executionTime seconds it took
 * @param errorCode     error code the statement ended with on the source (usually 0)
 * @param schema        default database, empty when none
 * @param sql           the statement text
 * @param status        the session state the statement ran with
 */
public record QueryEvent(
        EventHeader header,
        long threadId,
        long executionTime,
        int errorCode,
        String schema,
        String sql,
        QueryStatus status) implements BinlogEvent {
}
