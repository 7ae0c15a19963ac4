package dev.binlog;

/** What happened to a row. */
public enum ChangeType {
    INSERT,
    UPDATE,
    DELETE
}
