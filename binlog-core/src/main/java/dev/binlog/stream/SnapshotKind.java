package dev.binlog.stream;

/** How a snapshot copies its tables. */
public enum SnapshotKind {
    /**
     * One transaction reads every table at one binary log position before streaming begins; the stream then goes on
     * from exactly there. Exact and fast, but nothing streams until the copy is done, and a copy cut short starts
     * again from the beginning.
     */
    CONSISTENT,
    /**
     * Chunks are read while the stream flows (the DBLog algorithm): each chunk's rows are held until the stream
     * reaches the high watermark written after it, and a row the stream changed in between is dropped from the chunk,
     * as the stream delivered the newer change. Progress is saved with the position, so a restart goes on after the
     * last chunk delivered.
     */
    INCREMENTAL
}
