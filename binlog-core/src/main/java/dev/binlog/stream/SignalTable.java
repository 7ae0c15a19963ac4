package dev.binlog.stream;

import dev.binlog.ConfigurationException;
import dev.binlog.ServerErrorException;
import dev.binlog.protocol.ServerConnection;
import java.util.Locale;

/**
 * The small table through which snapshots are asked for and their chunk windows marked: {@code (id, type, data)}, the
 * shape of Debezium's signalling table. A bare name is watched in every schema and created, when missing, in the schema
 * of the first table a snapshot copies; {@code schema.table} names exactly one. Its rows never reach the listener.
 */
final class SignalTable {

    /** Types of the rows the client writes around each chunk: their {@code data} is the window's id. */
    static final String WINDOW_OPEN = "snapshot-window-open";
    static final String WINDOW_CLOSE = "snapshot-window-close";

    private final String schema;
    private final String table;

    SignalTable(String name) {
        int dot = name.indexOf('.');
        this.schema = dot < 0 ? null : name.substring(0, dot);
        this.table = dot < 0 ? name : name.substring(dot + 1);
    }

    boolean matches(String rowSchema, String rowTable) {
        return rowTable.equalsIgnoreCase(table) && (schema == null || schema.equalsIgnoreCase(rowSchema));
    }

    /** {@code schema.table} where the client writes, the schema of {@code firstTable} unless named. */
    String qualified(String firstTable) {
        if (schema != null) {
            return schema + "." + table;
        }
        if (firstTable == null) {
            throw new ConfigurationException("the signal table " + table + " names no schema and the snapshot no table;"
                    + " name it as schema.table");
        }
        return firstTable.substring(0, firstTable.indexOf('.')) + "." + table;
    }

    /** Creates the table when missing (looked up first: an account granted only INSERT and DELETE on it may not create). */
    static void create(ServerConnection connection, String qualified) {
        int dot = qualified.indexOf('.');
        if (!connection.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + InformationSchemaReader.quote(qualified.substring(0, dot)) + " AND TABLE_NAME = "
                + InformationSchemaReader.quote(qualified.substring(dot + 1))).isEmpty()) {
            return;
        }
        try {
            connection.query("CREATE TABLE IF NOT EXISTS " + identifier(qualified) + " (id VARCHAR(64) PRIMARY KEY,"
                    + " type VARCHAR(32) NOT NULL, data VARCHAR(2048) NULL)");
        } catch (ServerErrorException e) {
            throw new ConfigurationException("could not create the snapshot signal table " + qualified + " ("
                    + e.getMessage() + "); create it yourself (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                    + " data VARCHAR(2048)) and grant INSERT and DELETE on it, or use the gtid watermark", e);
        }
    }

    /** A request row, left in the table as a record of who asked for what. */
    static void request(ServerConnection connection, String qualified, String id, String type, String data) {
        connection.query("INSERT INTO " + identifier(qualified) + " (id, type, data) VALUES ("
                + InformationSchemaReader.quote(id) + ", " + InformationSchemaReader.quote(type) + ", "
                + (data == null ? "NULL" : InformationSchemaReader.quote(data)) + ")");
    }

    /**
     * A watermark: a row inserted and deleted again in one transaction, so the binary log shows a committed write and
     * the table stays empty of them.
     */
    static void mark(ServerConnection connection, String qualified, String windowId, String type) {
        String id = InformationSchemaReader.quote(windowId + (type.equals(WINDOW_OPEN) ? "-open" : "-close"));
        connection.query("START TRANSACTION");
        try {
            connection.query("INSERT INTO " + identifier(qualified) + " (id, type, data) VALUES (" + id + ", "
                    + InformationSchemaReader.quote(type) + ", " + InformationSchemaReader.quote(windowId) + ")");
            connection.query("DELETE FROM " + identifier(qualified) + " WHERE id = " + id);
            connection.query("COMMIT");
        } catch (RuntimeException e) {
            try {
                connection.query("ROLLBACK");
            } catch (RuntimeException ignored) {
                // the connection is broken; the error below says why
            }
            throw e;
        }
    }

    private static String identifier(String qualified) {
        int dot = qualified.indexOf('.');
        return KeysetQueries.identifier(qualified.substring(0, dot)) + "."
                + KeysetQueries.identifier(qualified.substring(dot + 1));
    }

    @Override
    public String toString() {
        return (schema == null ? "*." : schema + ".") + table.toLowerCase(Locale.ROOT);
    }
}
