package dev.binlog.event;

/**
 * EXECUTE_LOAD_QUERY: the {@code LOAD DATA} statement to run over a file sent by BEGIN_LOAD_QUERY / APPEND_BLOCK.
 *
 * @param query          the statement, as a QUERY event
 * @param fileId         the file
 * @param startPosition  where the file name starts in the statement
 * @param endPosition    where it ends
 * @param duplicates     0 = error, 1 = IGNORE, 2 = REPLACE
 */
public record ExecuteLoadQueryEvent(EventHeader header, QueryEvent query, long fileId, long startPosition,
                                    long endPosition, int duplicates) implements BinlogEvent {
}
