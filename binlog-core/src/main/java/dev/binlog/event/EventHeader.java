package dev.binlog.event;

/**
 * The common header of every binary log event (19 bytes in binlog format v4).
 *
 * @param timestamp    seconds since the epoch when the statement started
 * @param typeCode     the raw type code (kept for codes {@link EventType} does not know)
 * @param type         the event type, or {@code null} for an unknown code
 * @param serverId     id of the server that wrote the event first
 * @param eventLength  total length of the event: header, body and checksum
 * @param nextPosition {@code log_pos}: position of the next event in the source's binlog (0 for some artificial
 *                     events; in relay logs, the position in the source's log)
 * @param flags        header flags ({@code LOG_EVENT_*_F})
 * @param position     where this event starts: byte offset in the file it was read from, or for the live stream
 *                     {@code nextPosition - eventLength}
 */
public record EventHeader(
        long timestamp,
        int typeCode,
        EventType type,
        long serverId,
        long eventLength,
        long nextPosition,
        int flags,
        long position) {

    /** Length of the v4 (and v3) event header. */
    public static final int LENGTH = 19;

    /** Header flag: the log was still open when this FORMAT_DESCRIPTION was written (binlog not closed cleanly). */
    public static final int FLAG_BINLOG_IN_USE = 0x1;

    /** Header flag: a replica may ignore this event if it does not know its type. */
    public static final int FLAG_IGNORABLE = 0x80;

    /** A readable type name, also for unknown codes ({@code type 100}). */
    public String typeName() {
        return type != null ? type.name() : "type " + typeCode;
    }
}
