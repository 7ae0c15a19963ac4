package dev.binlog.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A server the developer runs elsewhere and names in {@code BINLOG_TEST_SERVERS}, for example
 * {@code mysql://root:secret@127.0.0.1:3306,mariadb://root@10.0.0.5:3306}.
 */
record ExternalServer(ServerFlavor flavor, String version, String host, int port, String adminUser,
        String adminPassword) implements TestServer {

    static final String ENVIRONMENT_VARIABLE = "BINLOG_TEST_SERVERS";

    @Override
    public String name() {
        return flavor.displayName() + " " + version + " (external " + host + ":" + port + ")";
    }

    @Override
    public List<String> errorLogTail(int lines) {
        return List.of("(error log of external server " + host + ":" + port + " is not readable from the tests)");
    }

    static List<TestServer> fromEnvironment() {
        String spec = System.getenv(ENVIRONMENT_VARIABLE);
        List<TestServer> servers = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return servers;
        }
        for (String entry : spec.split(",")) {
            servers.add(parse(entry.trim()));
        }
        return servers;
    }

    static ExternalServer parse(String url) {
        URI uri = URI.create(url);
        String user = "root";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        int port = uri.getPort() < 0 ? 3306 : uri.getPort();
        ServerFlavor declared = "mariadb".equalsIgnoreCase(uri.getScheme()) ? ServerFlavor.MARIADB : ServerFlavor.MYSQL;
        ExternalServer probe = new ExternalServer(declared, "?", uri.getHost(), port, user, password);
        try (Connection c = probe.adminConnection(null); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            String version = rs.getString(1);
            return new ExternalServer(ServerFlavor.fromVersionString(version), version, uri.getHost(), port, user,
                    password);
        } catch (SQLException e) {
            throw new IllegalStateException(ENVIRONMENT_VARIABLE + " names " + uri.getHost() + ":" + port
                    + " but it cannot be reached: " + e.getMessage(), e);
        }
    }
}
