package dev.binlog.io;

/**
 * Bytes that cannot be what the format says at this point. Low-level: callers rethrow it with the context (event,
 * packet, position) that only they know.
 */
public class MalformedDataException extends RuntimeException {

    private final int offset;

    public MalformedDataException(String message, int offset) {
        super(message + " (at byte " + offset + " of the buffer)");
        this.offset = offset;
    }

    /** Offset in the underlying array where the problem was found. */
    public int offset() {
        return offset;
    }
}
