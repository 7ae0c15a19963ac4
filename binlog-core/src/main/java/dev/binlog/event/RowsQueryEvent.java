package dev.binlog.event;

/**
 * ROWS_QUERY ({@code binlog_rows_query_log_events=ON}): the statement text that produced the following row events.
 *
 * @param query the statement (possibly truncated by the server to 255 bytes in old versions)
 */
public record RowsQueryEvent(EventHeader header, String query) implements BinlogEvent {
}
