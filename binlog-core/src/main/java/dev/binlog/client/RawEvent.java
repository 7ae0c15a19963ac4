package dev.binlog.client;

/**
 * One binlog event exactly as received: the full event (19-byte header, body, and the 4-byte CRC32 if checksums are
 * on). The array is reused after {@link RawEventListener#onEvent} returns: copy what you keep.
 *
 * @param buffer array holding the event
 * @param offset where the event starts in {@code buffer}
 * @param length the event's length in bytes (equal to the header's event_length)
 * @param binlogFile the binary log file the event belongs to, e.g. {@code mysql-bin.000003}
 * @param position start offset of the event in that file
 * @param checksummed whether the last 4 bytes are a CRC32 of the rest
 */
public record RawEvent(byte[] buffer, int offset, int length, String binlogFile, long position,
        boolean checksummed) {

    /** The event type code (header byte 4), e.g. 15 for FORMAT_DESCRIPTION, 30 for WRITE_ROWS v2. */
    public int type() {
        return buffer[offset + 4] & 0xFF;
    }

    /** Seconds since the epoch when the event was written (header bytes 0-3). */
    public long timestamp() {
        return EventHeader.uint32(buffer, offset);
    }

    /**
     * The header's next-position field (bytes 13-16). MariaDB 11 writes 0 inside transactions and servers write 0
     * in artificial events; {@code position() + length()} is always where the next event starts.
     */
    public long nextPosition() {
        return EventHeader.uint32(buffer, offset + 13);
    }

    /**
     * The file's FORMAT_DESCRIPTION (or an artificial ROTATE) that a dump sends before the first requested event,
     * with next position 0: it says nothing about where the stream is.
     */
    public boolean isDumpPreamble() {
        int type = type();
        return nextPosition() == 0 && (type == EventHeader.FORMAT_DESCRIPTION || type == EventHeader.ROTATE);
    }

    @Override
    public String toString() {
        return "RawEvent[type=" + type() + ", " + binlogFile + ":" + position + ", length=" + length + "]";
    }
}
