package dev.binlog.stream;

import dev.binlog.ServerSettings;
import java.util.Map;

/**
 * The definitions of the tables an account sees on a server, read from {@code information_schema} over a connection
 * of its own that is closed before returning; e.g. to check, before streaming, that the tables a program expects
 * exist with the columns it expects.
 */
public final class ServerTables {

    private ServerTables() {
    }

    /**
     * Every table the account can see, keyed {@code schema.table}; empty when it sees none (it lacks SELECT).
     *
     * @throws dev.binlog.BinlogException when the server cannot be reached or refuses the login
     */
    public static Map<String, TableSchema> read(ServerSettings server) {
        try (SchemaConnections connection = SchemaConnections.open(server)) {
            return new InformationSchemaReader(connection).readAll();
        }
    }
}
