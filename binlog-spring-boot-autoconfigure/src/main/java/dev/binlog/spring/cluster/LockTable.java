package dev.binlog.spring.cluster;

import dev.binlog.BinlogException;
import dev.binlog.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spring Integration's {@code INT_LOCK} table in the application's DataSource: created when missing, with the
 * statement of Spring Integration's own schema script for the database, unless the application set
 * {@code spring.integration.jdbc.initialize-schema}, which gives the schema to Spring Boot's initializer (or, with
 * {@code never}, to the application).
 */
final class LockTable {

    static final String INITIALIZE_SCHEMA_PROPERTY = "spring.integration.jdbc.initialize-schema";

    private static final Logger LOG = LoggerFactory.getLogger(LockTable.class);
    private static final String TABLE = "INT_LOCK";

    private LockTable() {
    }

    /**
     * @param bootOwnsSchema whether {@code spring.integration.jdbc.initialize-schema} is set: then the table is only
     *                       checked
     */
    /** @return the platform of the database (the suffix of Spring Integration's scripts) */
    static String ensure(DataSource dataSource, boolean bootOwnsSchema) {
        try (Connection c = dataSource.getConnection()) {
            if (exists(c)) {
                return platformOrOther(c);
            }
            if (bootOwnsSchema) {
                throw new ConfigurationException("binlog.cluster.mode=leader elects the leader with a lock in table "
                        + TABLE + " of the application's DataSource, which is missing; " + INITIALIZE_SCHEMA_PROPERTY
                        + " is set, so it is not created here: set it to always (with spring-boot-starter-integration)"
                        + ", create the table with the INT_LOCK statement of Spring Integration's "
                        + "org/springframework/integration/jdbc/schema-" + platform(c) + ".sql, or remove the "
                        + "property to have it created when missing");
            }
            String ddl = createStatement(platform(c));
            try (Statement s = c.createStatement()) {
                s.execute(ddl);
                LOG.info("Created the leadership lock table {} (binlog.cluster.mode=leader)", TABLE);
            } catch (SQLException e) {
                if (!exists(c)) {
                    throw e;
                }
                // another instance created it at the same moment
            }
            return platformOrOther(c);
        } catch (SQLException e) {
            throw new BinlogException("binlog.cluster.mode=leader cannot prepare the lock table " + TABLE + " in the "
                    + "application's DataSource: " + e.getMessage() + "; check that the data source reaches its "
                    + "database and that its user may create tables (or create " + TABLE + " beforehand)", e);
        }
    }

    private static boolean exists(Connection c) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String platformOrOther(Connection c) throws SQLException {
        try {
            return platform(c);
        } catch (ConfigurationException e) {
            return "other";
        }
    }

    /** The suffix of Spring Integration's schema scripts for this database. */
    static String platform(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("mysql") || product.contains("mariadb")) {
            return "mysql";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        if (product.contains("microsoft") || product.contains("sql server")) {
            return "sqlserver";
        }
        for (String name : new String[] {"oracle", "h2", "hsql", "derby", "db2"}) {
            if (product.contains(name)) {
                return name.equals("hsql") ? "hsqldb" : name;
            }
        }
        throw new ConfigurationException("binlog.cluster.mode=leader needs table " + TABLE + " and Spring "
                + "Integration has no schema script for a " + product + " database: create it yourself");
    }

    /** The {@code CREATE TABLE INT_LOCK} statement of Spring Integration's script for {@code platform}. */
    static String createStatement(String platform) {
        String script = "org/springframework/integration/jdbc/schema-" + platform + ".sql";
        try (InputStream in = LockTable.class.getClassLoader().getResourceAsStream(script)) {
            if (in == null) {
                throw new ConfigurationException("Spring Integration's " + script + " is not on the classpath; "
                        + "add org.springframework.integration:spring-integration-jdbc");
            }
            for (String statement : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";")) {
                String sql = statement.lines().filter(line -> !line.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b).strip();
                if (sql.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").startsWith("CREATE TABLE " + TABLE + " ")) {
                    return sql;
                }
            }
            throw new ConfigurationException(script + " has no CREATE TABLE " + TABLE + " statement");
        } catch (IOException e) {
            throw new BinlogException("cannot read " + script + ": " + e.getMessage(), e);
        }
    }
}
