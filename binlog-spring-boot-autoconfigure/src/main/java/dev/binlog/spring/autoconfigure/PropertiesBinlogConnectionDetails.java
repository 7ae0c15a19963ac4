package dev.binlog.spring.autoconfigure;

import java.util.function.Supplier;

/**
 * {@link BinlogConnectionDetails} from {@code binlog.host}, {@code binlog.port} (3306 by default),
 * {@code binlog.username} and {@code binlog.password}; credentials not set there are the data source's, as before
 * connection details existed.
 */
final class PropertiesBinlogConnectionDetails implements BinlogConnectionDetails {

    private final BinlogProperties properties;
    private final Supplier<String> dataSourceUsername;
    private final Supplier<String> dataSourcePassword;

    /**
     * @param dataSourceUsername the data source's user, or {@code null}, read only when {@code binlog.username} is
     *                           not set
     * @param dataSourcePassword its password, likewise
     */
    PropertiesBinlogConnectionDetails(BinlogProperties properties, Supplier<String> dataSourceUsername,
            Supplier<String> dataSourcePassword) {
        this.properties = properties;
        this.dataSourceUsername = dataSourceUsername;
        this.dataSourcePassword = dataSourcePassword;
    }

    PropertiesBinlogConnectionDetails(BinlogProperties properties) {
        this(properties, () -> null, () -> null);
    }

    @Override
    public String getHost() {
        return properties.getHost();
    }

    @Override
    public int getPort() {
        return properties.getPort() != null ? properties.getPort() : 3306;
    }

    @Override
    public String getUsername() {
        return properties.getUsername() != null ? properties.getUsername() : dataSourceUsername.get();
    }

    @Override
    public String getPassword() {
        if (properties.getPassword() != null) {
            return properties.getPassword();
        }
        String password = dataSourcePassword.get();
        return password != null ? password : "";
    }

    @Override
    public String toString() {
        return "binlog.* properties [" + getUsername() + "@" + getHost() + ":" + getPort() + "]";
    }
}
