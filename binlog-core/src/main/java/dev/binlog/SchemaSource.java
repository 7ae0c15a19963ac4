package dev.binlog;

/** Where the stream takes column names, signedness, charsets and ENUM/SET names from. */
public enum SchemaSource {
    /**
     * TABLE_MAP optional metadata when the server writes it ({@code binlog_row_metadata=FULL}), else
     * {@code information_schema} over a second connection (the default).
     */
    AUTO,
    /** Only TABLE_MAP metadata; columns without it are named {@code @1}, {@code @2}… */
    BINLOG_METADATA,
    /** Always {@code information_schema}, even when the binlog carries names. */
    INFORMATION_SCHEMA
}
