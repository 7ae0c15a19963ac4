package dev.binlog;

import java.util.List;

/**
 * A DDL statement that changed (or may have changed) table definitions.
 *
 * @param schema         the default database of the statement's session
 * @param statement      the statement as logged
 * @param affectedTables {@code schema.table} names it changes, as far as they can be told from the statement
 * @param position       position of the QUERY event
 * @param gtid           GTID of the DDL's transaction, or {@code null}
 */
public record SchemaChange(String schema, String statement, List<String> affectedTables, BinlogPosition position,
        String gtid) {

    public SchemaChange {
        affectedTables = List.copyOf(affectedTables);
    }
}
