package dev.binlog.stream;

import dev.binlog.protocol.ConnectionSettings;
import dev.binlog.protocol.ResultRow;
import dev.binlog.protocol.ServerConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * The second connection that reads {@code information_schema}: opened on first use, reopened once if it dropped, so
 * a long-idle stream does not fail on its first new table.
 */
public final class SchemaConnections implements SqlQueries, AutoCloseable {

    private final ConnectionSettings settings;
    private ServerConnection connection;

    private SchemaConnections(ConnectionSettings settings) {
        this.settings = settings;
    }

    /** A schema reader over a connection built from the client's settings. */
    public static InformationSchemaReader reader(ClientSettings client) {
        return new InformationSchemaReader(new SchemaConnections(connectionSettings(client)));
    }

    public static SchemaConnections open(ConnectionSettings settings) {
        return new SchemaConnections(settings);
    }

    /** The text-protocol connection settings for a {@link ClientSettings}. */
    public static ConnectionSettings connectionSettings(ClientSettings client) {
        ConnectionSettings.Builder builder = ConnectionSettings.builder()
                .host(client.host())
                .port(client.port())
                .user(client.user())
                .password(client.password())
                .tlsMode(client.tlsMode())
                .connectTimeout(client.connectTimeout());
        if (client.tlsCaFile() != null) {
            builder.tlsCaPem(client.tlsCaFile());
        }
        if (client.tlsClientCertificateFile() != null) {
            builder.clientCertificatePem(client.tlsClientCertificateFile(), client.tlsClientKeyFile());
        }
        builder.sslContext(client.tlsContext());
        return builder.build();
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
