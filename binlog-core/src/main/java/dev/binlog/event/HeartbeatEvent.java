package dev.binlog.event;

/**
 * HEARTBEAT or HEARTBEAT_V2: the server is alive and the stream is at this position. Never written to a file.
 *
 * @param logFile  current binlog file of the source
 * @param position position in that file ({@code log_pos} of the header for v1)
 */
public record HeartbeatEvent(EventHeader header, String logFile, long position) implements BinlogEvent {
}
