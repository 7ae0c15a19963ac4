package dev.binlog.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * A running MySQL or MariaDB server that live tests may use. Servers are shared by every test of a JVM; a test that
 * changes a global variable restores it.
 */
public interface TestServer {

    /** Short label shown in test reports, e.g. {@code MariaDB 11.4.5 (embedded)}. */
    String name();

    ServerFlavor flavor();

    /** What {@code SELECT VERSION()} returns, e.g. {@code 11.4.5-MariaDB-log}. */
    String version();

    String host();

    int port();

    /** A user with all privileges. */
    String adminUser();

    String adminPassword();

    /** The last lines of the server's error log, or a note saying why there is none. */
    List<String> errorLogTail(int lines);

    /** Whether {@link #kill()}, {@link #stop()} and {@link #start()} are supported (servers we launched ourselves). */
    default boolean controllable() {
        return false;
    }

    /** Kills the server process at once (SIGKILL), leaving its data folder as a crash would. */
    default void kill() {
        throw new UnsupportedOperationException(name() + " is not controlled by the test harness");
    }

    /** Shuts the server down cleanly. */
    default void stop() {
        throw new UnsupportedOperationException(name() + " is not controlled by the test harness");
    }

    /** Starts the server again on the same data folder and port. */
    default void start() {
        throw new UnsupportedOperationException(name() + " is not controlled by the test harness");
    }

    default String jdbcUrl(String database) {
        String scheme = flavor() == ServerFlavor.MARIADB ? "jdbc:mariadb" : "jdbc:mysql";
        // The MariaDB driver speaks to MySQL too; "jdbc:mysql" is accepted with permitMysqlScheme.
        String suffix = flavor() == ServerFlavor.MARIADB ? "" : "?permitMysqlScheme";
        return scheme + "://" + host() + ":" + port() + "/" + (database == null ? "" : database) + suffix;
    }

    /** A new JDBC connection as the admin user. */
    default Connection adminConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), adminUser(), adminPassword());
    }
}
