package dev.binlog;

/** The server sent something that breaks the client/server protocol, or the connection failed mid-exchange. */
public class ProtocolException extends BinlogException {

    private final boolean retryable;

    public ProtocolException(String message) {
        this(message, null, false);
    }

    public ProtocolException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
