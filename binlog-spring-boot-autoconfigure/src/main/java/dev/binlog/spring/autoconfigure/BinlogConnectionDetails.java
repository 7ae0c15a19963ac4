package dev.binlog.spring.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * The MySQL/MariaDB server the stream connects to. The starter registers one unless the application has its own bean
 * of this type (a Testcontainers {@code @ServiceConnection}, a secrets store, ...), which then wins over every
 * {@code binlog.*} connection property:
 * <ul>
 * <li>with {@code binlog.host} set, one backed by {@code binlog.host}, {@code binlog.port}, {@code binlog.username}
 * and {@code binlog.password} (credentials not set there are the application's data source's);</li>
 * <li>without it, one that follows the application's data source (Spring Boot's {@code JdbcConnectionDetails}) when
 * its JDBC URL is {@code jdbc:mysql:} or {@code jdbc:mariadb:}: its host, port and credentials, with
 * {@code binlog.port}, {@code binlog.username} and {@code binlog.password} overriding them when set.</li>
 * </ul>
 * With neither, streaming is off and the starter says why once at startup.
 *
 * <pre>{@code
 * @Bean BinlogConnectionDetails binlogConnectionDetails(Vault vault) {
 *     return new BinlogConnectionDetails() {
 *         public String getHost() { return "db.internal"; }
 *         public String getUsername() { return "repl"; }
 *         public String getPassword() { return vault.read("repl-password"); }
 *     };
 * }
 * }</pre>
 */
public interface BinlogConnectionDetails extends ConnectionDetails {

    /** Server host name or address. */
    String getHost();

    /** Server port; {@code 3306} unless overridden. */
    default int getPort() {
        return 3306;
    }

    /** Replication user (REPLICATION SLAVE, REPLICATION CLIENT and SELECT). */
    String getUsername();

    /** Its password; never logged. */
    String getPassword();
}
