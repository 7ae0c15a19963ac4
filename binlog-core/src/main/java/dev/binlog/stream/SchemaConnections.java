package dev.binlog.stream;

import dev.binlog.ServerSettings;
import dev.binlog.protocol.ResultRow;
import dev.binlog.protocol.ServerConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * The second connection that reads {@code information_schema}: opened on first use, reopened once if it dropped, so
 * a long-idle stream does not fail on its first new table.
 */
final class SchemaConnections implements SqlQueries, AutoCloseable {

    private final ServerSettings settings;
    private ServerConnection connection;

    private SchemaConnections(ServerSettings settings) {
        this.settings = settings;
    }

    /** A schema reader over its own connection to the server. */
    static InformationSchemaReader reader(ServerSettings server) {
        return new InformationSchemaReader(new SchemaConnections(server));
    }

    static SchemaConnections open(ServerSettings settings) {
        return new SchemaConnections(settings);
    }

    @Override
    public synchronized List<String[]> query(String sql) {
        try {
            return rows(connection().query(sql));
        } catch (RuntimeException first) {
            closeQuietly();
            // One retry on a fresh connection: the old one may have been dropped by wait_timeout.
            return rows(connection().query(sql));
        }
    }

    private ServerConnection connection() {
        if (connection == null || connection.isClosed()) {
            connection = ServerConnection.open(settings);
        }
        return connection;
    }

    private static List<String[]> rows(List<ResultRow> result) {
        List<String[]> rows = new ArrayList<>(result.size());
        for (ResultRow row : result) {
            rows.add(row.values().toArray(new String[0]));
        }
        return rows;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // Already broken.
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
