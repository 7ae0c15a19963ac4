package dev.binlog.event;

/**
 * INTVAR: {@code LAST_INSERT_ID()} (kind 1) or the next {@code AUTO_INCREMENT} value (kind 2) for the next statement.
 *
 * @param kind  1 = LAST_INSERT_ID, 2 = INSERT_ID
 * @param value the value (unsigned 64 bit)
 */
public record IntvarEvent(EventHeader header, int kind, long value) implements BinlogEvent {

    public static final int LAST_INSERT_ID = 1;
    public static final int INSERT_ID = 2;
}
