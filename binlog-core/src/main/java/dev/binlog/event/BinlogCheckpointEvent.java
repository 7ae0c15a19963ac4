package dev.binlog.event;

/**
 * MariaDB BINLOG_CHECKPOINT: crash recovery needs binlog files from this one on.
 *
 * @param logFile name of the oldest binlog file still needed
 */
public record BinlogCheckpointEvent(EventHeader header, String logFile) implements BinlogEvent {
}
