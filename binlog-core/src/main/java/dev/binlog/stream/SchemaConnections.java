package dev.binlog.stream;

import dev.binlog.ClientSettings;

/** Opens the second connection that reads {@code information_schema}. */
public final class SchemaConnections {

    private SchemaConnections() {
    }

    public static InformationSchemaReader reader(ClientSettings settings) {
        throw new UnsupportedOperationException("schema lookups over a server connection arrive with the protocol"
                + " client");
    }
}
