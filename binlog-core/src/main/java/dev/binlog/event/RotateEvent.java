package dev.binlog.event;

/**
 * ROTATE: the stream continues in another binlog file. Servers also send an artificial one (timestamp 0) at the start
 * of a dump.
 *
 * @param nextFile     name of the next binlog file
 * @param nextPosition position in that file where the next event starts
 */
public record RotateEvent(EventHeader header, String nextFile, long nextPosition) implements BinlogEvent {

    /** Whether this is the artificial ROTATE a server sends when a dump starts, not one written in a log. */
    public boolean artificial() {
        return header.timestamp() == 0 || (header.flags() & 0x20) != 0;
    }
}
