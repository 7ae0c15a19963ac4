package dev.binlog;

/** What happened to a row. */
public enum ChangeType {
    INSERT,
    UPDATE,
    DELETE,
    /** A row as a snapshot copied it (only {@code after} is set); delivered only when a snapshot was asked for. */
    READ
}
