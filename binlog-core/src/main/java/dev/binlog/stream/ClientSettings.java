package dev.binlog.stream;

import dev.binlog.ConfigurationException;
import dev.binlog.PositionStore;
import dev.binlog.SchemaSource;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Immutable settings of a {@link BinlogClient}; built with {@link BinlogClient#builder()}, where every default is
 * documented.
 */
public record ClientSettings(
        String host,
        int port,
        String user,
        String password,
        TlsMode tlsMode,
        Path tlsCaFile,
        Path tlsClientCertificateFile,
        Path tlsClientKeyFile,
        SSLContext tlsContext,
        Long serverId,
        StartPosition startPosition,
        TableFilter filter,
        PositionStore positionStore,
        SchemaSource schemaSource,
        Duration connectTimeout,
        Duration heartbeatInterval,
        Duration reconnectInitialBackoff,
        Duration reconnectMaxBackoff,
        int maxReconnectAttempts,
        boolean stopAtEnd) {

    public ClientSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(tlsMode, "tlsMode");
        Objects.requireNonNull(startPosition, "startPosition");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(positionStore, "positionStore");
        Objects.requireNonNull(schemaSource, "schemaSource");
        if (port <= 0 || port > 65535) {
            throw new ConfigurationException("port " + port + " is not a TCP port (1-65535)");
        }
        if (serverId != null && (serverId <= 0 || serverId > 0xFFFFFFFFL)) {
            throw new ConfigurationException("server id " + serverId + " must be between 1 and 4294967295");
        }
    }

    /** The password is never part of the string form. */
    @Override
    public String toString() {
        return "ClientSettings[" + user + "@" + host + ":" + port + ", tls=" + tlsMode + ", serverId=" + serverId
                + ", start=" + startPosition + ", " + filter + ", store=" + positionStore + "]";
    }
}
