package dev.binlog.stream;

/** How an incremental snapshot marks the window of each chunk in the binary log. */
public enum SnapshotWatermark {
    /**
     * Rows written to the signal table (created when missing) before and after each chunk's {@code SELECT}: the
     * window closes when the stream reads the high watermark's row. Needs INSERT, DELETE and CREATE on that table.
     */
    TABLE,
    /**
     * The server's executed GTIDs read after each chunk's {@code SELECT}: the window closes once the stream has
     * passed all of them. Writes nothing, for accounts that may only read; needs GTIDs in the binary log.
     */
    GTID
}
