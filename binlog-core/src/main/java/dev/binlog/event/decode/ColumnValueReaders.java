package dev.binlog.event.decode;

import dev.binlog.DecodeException;
import dev.binlog.value.ValueDecoder;
import dev.binlog.value.ValueOptions;

/** The column value readers row events are decoded with. */
public final class ColumnValueReaders {

    private ColumnValueReaders() {
    }

    /** Reads values with {@code dev.binlog.value.ValueDecoder} and its default options. */
    public static ColumnValueReader defaults() {
        return new ValueDecoder(ValueOptions.defaults())::decode;
    }

    /** Applies JSON diffs with {@code dev.binlog.value.json}. */
    public static JsonDiffApplier defaultJsonDiffApplier() {
        return (before, diffs, column) -> {
            throw new DecodeException("no JSON diff applier available", false);
        };
    }
}
