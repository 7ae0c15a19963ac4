package dev.binlog.spring.actuate;

import dev.binlog.ServerDescription;
import dev.binlog.stream.BinlogClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** The server a client streams from, as shown by the health indicator and the endpoint (never credentials). */
final class BinlogServerDetails {

    private BinlogServerDetails() {
    }

    /** Host, port, flavour, version and server id; with {@code binlogSettings}, also the binlog variables. */
    static Object of(BinlogClient client, boolean binlogSettings) {
        return client.server().<Object>map(s -> {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("host", s.host());
            server.put("port", s.port());
            server.put("flavor", s.flavor().displayName());
            server.put("version", s.version());
            server.put("serverId", s.serverId());
            if (binlogSettings) {
                server.put("binlogFormat", s.binlogFormat());
                server.put("binlogRowImage", s.binlogRowImage());
                server.put("binlogRowMetadata", s.binlogRowMetadata());
                putGtidMode(server, s);
            }
            return server;
        }).orElseGet(() -> client.settings().server().host() + ":" + client.settings().server().port());
    }

    /**
     * MySQL's {@code gtid_mode} as {@code gtidMode}; MariaDB has no such mode (GTIDs are always on) and reports its
     * {@code gtid_strict_mode}, as {@code gtidStrictMode: ON/OFF}.
     */
    static void putGtidMode(Map<String, Object> target, ServerDescription server) {
        String mode = server.gtidMode();
        if (mode != null && mode.startsWith("strict=")) {
            target.put("gtidStrictMode", mode.substring("strict=".length()));
        } else {
            target.put("gtidMode", mode);
        }
    }
}
