package dev.binlog.client;

import dev.binlog.protocol.ServerInfo;

/**
 * Receives the stream of a {@link ReplicationClient}, always on the client's single reader thread and in binlog
 * order. Delivery is synchronous: while {@link #onEvent} runs, nothing more is read, so a slow listener slows the
 * reader and memory never grows with lag.
 */
public interface RawEventListener {

    /**
     * One event, delivered exactly once even across reconnects. The buffer is reused afterwards. An exception stops
     * the client (see {@link #onStop}).
     */
    void onEvent(RawEvent event) throws Exception;

    /** A connection was established and the dump requested (first connection and every reconnect). */
    default void onConnect(ServerInfo server) {
    }

    /**
     * The server's heartbeat: the stream is idle but alive; {@code binlogFile}/{@code position} is the server's. A
     * failure stops the stream as one of {@link #onEvent} does.
     */
    default void onHeartbeat(String binlogFile, long position) throws Exception {
    }

    /**
     * The connection was lost and the client reconnects; {@code cause} says why. An error that is not retryable (a
     * purged position, a refused login) is not a disconnect: the client stops with it ({@link #onStop}).
     */
    default void onDisconnect(Throwable cause) {
    }

    /**
     * The client stopped for good: {@code failure} is {@code null} after {@link ReplicationClient#close()} or at
     * the end of a non-blocking dump, otherwise the error that ended it (not retryable, listener failure, or
     * reconnect attempts exhausted).
     */
    default void onStop(Throwable failure) {
    }
}
