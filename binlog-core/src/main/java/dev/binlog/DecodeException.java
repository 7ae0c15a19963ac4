package dev.binlog;

/**
 * An event or value could not be decoded. Names the source (file or server), the position, the event type and, for
 * row events, the table and column; {@link #corrupt()} tells a damaged event from a feature we do not support.
 */
public class DecodeException extends BinlogException {

    private final boolean corrupt;

    public DecodeException(String message, boolean corrupt) {
        super(message);
        this.corrupt = corrupt;
    }

    public DecodeException(String message, boolean corrupt, Throwable cause) {
        super(message, cause);
        this.corrupt = corrupt;
    }

    /** True when the bytes are damaged (checksum mismatch, truncation); false for an unsupported feature. */
    public boolean corrupt() {
        return corrupt;
    }
}
