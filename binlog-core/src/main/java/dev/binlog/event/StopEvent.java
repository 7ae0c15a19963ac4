package dev.binlog.event;

/** STOP: the server shut down cleanly; the log ends here. */
public record StopEvent(EventHeader header) implements BinlogEvent {
}
