package dev.binlog.spring.autoconfigure;

import dev.binlog.ConfigurationException;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * {@link BinlogConnectionDetails} that follow the application's data source ({@link JdbcConnectionDetails}: from
 * {@code spring.datasource.*}, a Testcontainers {@code @ServiceConnection}, Docker Compose or the application's own
 * bean) when {@code binlog.host} is not set: host and port from its {@code jdbc:mysql:} or {@code jdbc:mariadb:} URL,
 * its credentials; {@code binlog.port}, {@code binlog.username} and {@code binlog.password} override them when set.
 */
final class JdbcBinlogConnectionDetails implements BinlogConnectionDetails {

    private final BinlogProperties properties;
    private final JdbcConnectionDetails dataSource;
    private final JdbcUrls.HostAndPort server;

    private JdbcBinlogConnectionDetails(BinlogProperties properties, JdbcConnectionDetails dataSource,
            JdbcUrls.HostAndPort server) {
        this.properties = properties;
        this.dataSource = dataSource;
        this.server = server;
    }

    /**
     * The details of the data source's server; throws when its URL is not MySQL/MariaDB (a data source whose URL only
     * its bean knows, such as a container's, is known to be another database only once created).
     */
    static JdbcBinlogConnectionDetails of(BinlogProperties properties, JdbcConnectionDetails dataSource) {
        String url = dataSource.getJdbcUrl();
        JdbcUrls.HostAndPort server = url == null ? null : JdbcUrls.parse(url);
        if (server == null) {
            throw new ConfigurationException("binlog.host is not set and the application's data source ("
                    + JdbcUrls.scheme(url) + "…) is not a jdbc:mysql: or jdbc:mariadb: URL, so there is no server to stream "
                    + "from. Set binlog.host (with binlog.port, binlog.username and binlog.password), or "
                    + "binlog.enabled=false to leave the starter off");
        }
        return new JdbcBinlogConnectionDetails(properties, dataSource, server);
    }

    @Override
    public String getHost() {
        return server.host();
    }

    @Override
    public int getPort() {
        return properties.getPort() != null ? properties.getPort() : server.port();
    }

    @Override
    public String getUsername() {
        return properties.getUsername() != null ? properties.getUsername() : dataSource.getUsername();
    }

    @Override
    public String getPassword() {
        if (properties.getPassword() != null) {
            return properties.getPassword();
        }
        String password = dataSource.getPassword();
        return password != null ? password : "";
    }

    @Override
    public String toString() {
        return "the application's data source [" + getUsername() + "@" + getHost() + ":" + getPort() + "]";
    }
}
