package dev.binlog.spring.autoconfigure;

import java.util.Locale;

/** Reading the server out of a MySQL/MariaDB JDBC URL; no class of {@code spring-boot-jdbc} needed. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    record HostAndPort(String host, int port) {
    }

    /** Whether the URL names a MySQL/MariaDB server. */
    static boolean isMysql(String url) {
        return url != null && parse(url) != null;
    }

    /** {@code jdbc:mysql://h:3307/db?x} or {@code jdbc:mariadb://...}; {@code null} for other databases. */
    static HostAndPort parse(String url) {
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

    /** The URL's scheme only ({@code jdbc:postgresql:}): a URL may carry a password. */
    static String scheme(String url) {
        if (url == null || url.isBlank()) {
            return "no URL";
        }
        int second = url.indexOf(':', url.indexOf(':') + 1);
        return second > 0 ? url.substring(0, second + 1) : "an unknown scheme";
    }
}
