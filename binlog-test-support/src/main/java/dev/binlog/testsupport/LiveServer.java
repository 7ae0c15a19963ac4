package dev.binlog.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a live test gets: a running server, a fresh database of its own on it, and a replication user with the
 * least privileges our client needs.
 *
 * <p>The replication user is granted {@code REPLICATION SLAVE, REPLICATION CLIENT, SELECT}. On MariaDB 10.5 and
 * later {@code REPLICATION CLIENT} is an alias of {@code BINLOG MONITOR} (needed for {@code SHOW BINARY LOGS} and
 * {@code SHOW MASTER STATUS}); {@code REPLICATION SLAVE} allows the binlog dump; {@code SELECT} lets the client read
 * {@code information_schema} column names. {@code REPLICATION SLAVE ADMIN} is not needed.
 */
public final class LiveServer {

    public static final String REPLICATION_USER = "binlog_repl";
    public static final String REPLICATION_PASSWORD = "repl-Secret-42";

    private final TestServer server;
    private final String database;

    LiveServer(TestServer server, String database) {
        this.server = server;
        this.database = database;
    }

    public TestServer server() {
        return server;
    }

    /** The database created for this test class on this server. */
    public String database() {
        return database;
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    public String jdbcUrl() {
        return server.jdbcUrl(database);
    }

    /** An admin connection whose default database is this test's database. */
    public Connection connection() throws SQLException {
        return server.adminConnection(database);
    }

    /** Runs statements in order on one admin connection, in this test's database. */
    public void execute(String... statements) {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("on " + server.name() + ": " + e.getMessage(), e);
        }
    }

    /** Rows of a query as ordered column-label maps. */
    public List<Map<String, Object>> query(String sql) {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("on " + server.name() + ": " + e.getMessage(), e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public String queryString(String sql) {
        List<Map<String, Object>> rows = query(sql);
        Object value = rows.isEmpty() ? null : rows.get(0).values().iterator().next();
        return value == null ? null : value.toString();
    }

    static void createDatabase(TestServer server, String database) {
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + server.name(), e);
        }
    }

    static void createReplicationUser(TestServer server) {
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS '" + REPLICATION_USER + "'@'%' IDENTIFIED BY '"
                    + REPLICATION_PASSWORD + "'");
            s.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO '" + REPLICATION_USER + "'@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the replication user on " + server.name(), e);
        }
    }

    @Override
    public String toString() {
        return server.name();
    }
}
