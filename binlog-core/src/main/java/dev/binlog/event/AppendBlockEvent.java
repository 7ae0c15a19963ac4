package dev.binlog.event;

/**
 * APPEND_BLOCK: a further block of a {@code LOAD DATA INFILE} file.
 *
 * @param fileId the file the block belongs to
 * @param data   the block (copied)
 */
public record AppendBlockEvent(EventHeader header, long fileId, byte[] data) implements BinlogEvent {
}
