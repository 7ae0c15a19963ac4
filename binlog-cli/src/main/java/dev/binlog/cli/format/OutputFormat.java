package dev.binlog.cli.format;

import java.io.Writer;

/** The {@code --format} choices. */
public enum OutputFormat {
    /** One Maxwell-style JSON object per row change per line (the default). */
    json {
        @Override
        public ChangeFormatter formatter(Writer out, ColumnInfoSource columns) {
            return new JsonFormatter(out, columns);
        }
    },
    /** Statements that replay the changes. */
    sql {
        @Override
        public ChangeFormatter formatter(Writer out, ColumnInfoSource columns) {
            return new SqlFormatter(out, columns);
        }
    },
    /** Statements that undo the changes, in reverse order; buffered until the stream ends. */
    flashback {
        @Override
        public ChangeFormatter formatter(Writer out, ColumnInfoSource columns) {
            return new FlashbackFormatter(out, columns);
        }
    };

    /** A formatter of this format writing to {@code out}. */
    public abstract ChangeFormatter formatter(Writer out, ColumnInfoSource columns);

    /** Whether output can only be written once the stream has ended. */
    public boolean needsEnd() {
        return this == flashback;
    }
}
