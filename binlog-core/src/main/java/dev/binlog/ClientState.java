package dev.binlog;

/** Life cycle of a {@code BinlogClient}. */
public enum ClientState {
    /** Built, not started. */
    NEW,
    /** Connecting or authenticating for the first time. */
    CONNECTING,
    /** Copying tables as they are (a snapshot) before the stream follows the binary log from that point. */
    SNAPSHOTTING,
    /** Receiving events. */
    STREAMING,
    /** Connection lost; retrying with back-off. */
    RECONNECTING,
    /** Paused by the application: connected or not, no event is delivered until resumed. */
    PAUSED,
    /** Closed by the application, or reached the end of the log in stop-at-end mode. */
    STOPPED,
    /** Stopped by an error that retrying cannot fix; see {@code BinlogClient.lastError()}. */
    FAILED
}
