package dev.binlog.stream;

/** When a {@link BinlogClient} copies its tables before following the binary log. */
public enum SnapshotMode {
    /** Never: the stream starts where the position store or the start position says (the default). */
    NEVER,
    /** When the position store holds nothing yet: copy, then stream from the copy's position. */
    INITIAL,
    /** As {@link #INITIAL}, then stop instead of streaming. */
    INITIAL_ONLY,
    /**
     * When the position store holds nothing, or its position is no longer on the server (purged): copy, then stream
     * from the copy's position.
     */
    WHEN_NEEDED
}
