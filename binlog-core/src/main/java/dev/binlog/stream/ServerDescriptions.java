package dev.binlog.stream;

import dev.binlog.ServerDescription;
import dev.binlog.protocol.ServerInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the replication-relevant server settings and the server's clock once per connection. */
final class ServerDescriptions {

    private static final Logger LOG = LoggerFactory.getLogger(ServerDescriptions.class);

    private ServerDescriptions() {
    }

    static ServerDescription describe(SqlQueries queries, String host, int port, ServerInfo info, LagTracker lag) {
        Map<String, String> variables = new HashMap<>();
        try {
            for (String[] row : queries.query("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('server_id',"
                    + " 'server_uuid', 'binlog_format', 'binlog_row_image', 'binlog_row_metadata', 'gtid_mode',"
                    + " 'gtid_strict_mode', 'binlog_checksum')")) {
                variables.put(row[0].toLowerCase(java.util.Locale.ROOT), row[1]);
            }
            List<String[]> now = queries.query("SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS UNSIGNED)");
            lag.serverClockSkew(Long.parseLong(now.get(0)[0]) - System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warn("Could not read server settings from {}:{} ({}); health details will lack them", host, port,
                    e.getMessage());
        }
        String gtidMode = info.isMariaDb()
                ? (variables.containsKey("gtid_strict_mode") ? "strict=" + variables.get("gtid_strict_mode") : null)
                : variables.get("gtid_mode");
        long serverId = variables.containsKey("server_id") ? Long.parseLong(variables.get("server_id")) : 0;
        return new ServerDescription(host, port, info.flavor(), info.version(), serverId,
                variables.get("server_uuid"), variables.get("binlog_format"), variables.get("binlog_row_image"),
                variables.get("binlog_row_metadata"), gtidMode, variables.get("binlog_checksum"));
    }
}
