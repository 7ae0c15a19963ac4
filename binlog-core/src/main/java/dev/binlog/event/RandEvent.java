package dev.binlog.event;

/** RAND: the two {@code RAND()} seeds for the next statement. */
public record RandEvent(EventHeader header, long seed1, long seed2) implements BinlogEvent {
}
