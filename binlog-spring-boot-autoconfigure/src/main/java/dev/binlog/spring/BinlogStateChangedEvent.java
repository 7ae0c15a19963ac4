package dev.binlog.spring;

import dev.binlog.ClientState;
import org.springframework.context.ApplicationEvent;

/**
 * Published on every change of the stream's state (connected = STREAMING, disconnected = RECONNECTING, PAUSED,
 * resumed, STOPPED, stopped by error = FAILED with its cause), so applications can react with an
 * {@code @EventListener}. Published on the thread that changed the state: keep handlers short.
 */
public class BinlogStateChangedEvent extends ApplicationEvent {

    private final ClientState previous;
    private final ClientState current;
    private final transient Throwable cause;

    public BinlogStateChangedEvent(Object source, ClientState previous, ClientState current, Throwable cause) {
        super(source);
        this.previous = previous;
        this.current = current;
        this.cause = cause;
    }

    public ClientState previous() {
        return previous;
    }

    public ClientState current() {
        return current;
    }

    /** The error behind RECONNECTING or FAILED, else {@code null}. */
    public Throwable cause() {
        return cause;
    }
}
