package dev.binlog.event;

/**
 * BEGIN_LOAD_QUERY: first block of a {@code LOAD DATA INFILE} file.
 *
 * @param fileId id the later APPEND_BLOCK and EXECUTE_LOAD_QUERY events refer to
 * @param data   the block (copied)
 */
public record BeginLoadQueryEvent(EventHeader header, long fileId, byte[] data) implements BinlogEvent {
}
