package dev.binlog.cli.format;

import java.io.Writer;

/** The {@code --format} choices. */
public enum OutputFormat {
    /** One Maxwell-style JSON object per row change per line (the default). */
    json {
        @Override
        public ChangeFormatter formatter(Writer out, ColumnInfoSource columns, boolean positionalColumns) {
            return new JsonFormatter(out, columns);
        }
    },
    /** Statements that replay the changes. */
    sql {
        @Override
        public ChangeFormatter formatter(Writer out, ColumnInfoSource columns, boolean positionalColumns) {
            return new SqlFormatter(out, columns, positionalColumns);
        }

        @Override
        public ChangeFormatter formatter(Writer out, ColumnInfoSource columns, boolean positionalColumns,
                IncrementalCopy copy) {
            return new SqlFormatter(out, columns, positionalColumns, copy);
        }
    },
    /** Statements that undo the changes, in reverse order; buffered until the stream ends. */
    flashback {
        @Override
        public ChangeFormatter formatter(Writer out, ColumnInfoSource columns, boolean positionalColumns) {
            return new FlashbackFormatter(out, columns, positionalColumns,
                    FlashbackFormatter.DEFAULT_MEMORY_LIMIT);
        }
    };

    /**
     * A formatter of this format writing to {@code out}.
     *
     * @param positionalColumns for sql and flashback: write {@code `@1`}... when the binlog does not name the columns,
     *                          instead of refusing
     */
    public abstract ChangeFormatter formatter(Writer out, ColumnInfoSource columns, boolean positionalColumns);

    /**
     * As {@link #formatter(Writer, ColumnInfoSource, boolean)}, for a stream with an incremental snapshot: sql then
     * writes what applies over a copy being filled (upserts); the others write the same.
     */
    public ChangeFormatter formatter(Writer out, ColumnInfoSource columns, boolean positionalColumns,
            IncrementalCopy copy) {
        return formatter(out, columns, positionalColumns);
    }

    /** Whether output can only be written once the stream has ended. */
    public boolean needsEnd() {
        return this == flashback;
    }
}
