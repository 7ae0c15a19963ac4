package dev.binlog;

/** Told of every {@link ClientState} change, on the thread that caused it; must return quickly and not throw. */
@FunctionalInterface
public interface StateListener {

    /**
     * @param previous the state before
     * @param current  the state now
     * @param cause    the error behind a RECONNECTING or FAILED state, else {@code null}
     */
    void onStateChange(ClientState previous, ClientState current, Throwable cause);
}
