package dev.binlog.event;

/**
 * MariaDB ANNOTATE_ROWS ({@code binlog_annotate_row_events}): the statement behind the following row events.
 *
 * @param query the statement text
 */
public record AnnotateRowsEvent(EventHeader header, String query) implements BinlogEvent {
}
