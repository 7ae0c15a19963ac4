package dev.binlog.spring.autoconfigure;

import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * The server the stream connects to: from {@code binlog.host}, or else from a MySQL/MariaDB
 * {@code spring.datasource.url}, with the data source's credentials unless {@code binlog.username} is set.
 *
 * @param host      server host
 * @param port      server port
 * @param username  user
 * @param password  password (never logged)
 * @param fromDataSource whether the host came from {@code spring.datasource.url}
 */
public record BinlogConnectionDetails(String host, int port, String username, String password,
        boolean fromDataSource) {

    /** The details, or {@code null} when neither {@code binlog.host} nor a MySQL/MariaDB data source URL is set. */
    static BinlogConnectionDetails resolve(BinlogProperties properties, Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        String user = properties.getUsername() != null ? properties.getUsername()
                : environment.getProperty("spring.datasource.username");
        String password = properties.getPassword() != null ? properties.getPassword()
                : environment.getProperty("spring.datasource.password", "");
        if (properties.getHost() != null && !properties.getHost().isBlank()) {
            int port = properties.getPort() != null ? properties.getPort() : 3306;
            return new BinlogConnectionDetails(properties.getHost(), port, user, password, false);
        }
        HostAndPort fromUrl = url == null ? null : parseJdbcUrl(url);
        if (fromUrl == null) {
            return null;
        }
        int port = properties.getPort() != null ? properties.getPort() : fromUrl.port();
        return new BinlogConnectionDetails(fromUrl.host(), port, user, password, true);
    }

    record HostAndPort(String host, int port) {
    }

    /** {@code jdbc:mysql://h:3307/db?x} or {@code jdbc:mariadb://...}; {@code null} for other databases. */
    static HostAndPort parseJdbcUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:mysql:") && !lower.startsWith("jdbc:mariadb:")) {
            return null;
        }
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return null;
        }
        String rest = url.substring(slashes + 2);
        int end = rest.length();
        for (char c : new char[] {'/', '?', ','}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String hostPort = rest.substring(0, end);
        int at = hostPort.lastIndexOf('@');
        if (at >= 0) {
            hostPort = hostPort.substring(at + 1);
        }
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            String host = hostPort.substring(1, close);
            String port = hostPort.length() > close + 2 ? hostPort.substring(close + 2) : "3306";
            return new HostAndPort(host, Integer.parseInt(port));
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return new HostAndPort(hostPort.isEmpty() ? "localhost" : hostPort, 3306);
        }
        return new HostAndPort(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BinlogConnectionDetails[" + username + "@" + host + ":" + port + "]";
    }
}
