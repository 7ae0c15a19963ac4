package dev.binlog.bench.debezium;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * MySQL's JDBC driver, with the one statement Debezium's MySQL connector (3.6) sends that MariaDB does not know
 * rewritten: it asks a server of version 8.4 or later, which MariaDB 10.11 and 11.4 look like, for
 * {@code SHOW BINARY LOG STATUS} (MySQL 8.4's new name) and gives up when that fails; MariaDB answers the same
 * question as {@code SHOW MASTER STATUS}. Debezium's MariaDB connector would not need this, but its 3.6.1.Final does
 * not download here. URLs {@code jdbc:bench-mysql://...} ({@code database.protocol}).
 */
public final class MariaDbStatementDriver implements Driver {

    /** The JDBC protocol to configure as Debezium's {@code database.protocol}. */
    public static final String PROTOCOL = "jdbc:bench-mysql";

    private final Driver mysql;

    static {
        try {
            DriverManager.registerDriver(new MariaDbStatementDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public MariaDbStatementDriver() {
        try {
            mysql = (Driver) Class.forName("com.mysql.cj.jdbc.Driver").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MySQL's JDBC driver (com.mysql:mysql-connector-j) is not there", e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection connection = mysql.connect("jdbc:mysql" + url.substring(PROTOCOL.length()), info);
        return proxy(Connection.class, connection, (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                args[0] = rewrite(sql);
            }
            Object result = invoke(method, connection, args);
            if (result instanceof Statement statement && !(result instanceof PreparedStatement)) {
                return proxy(Statement.class, statement, (p, m, a) -> {
                    if (a != null && a.length > 0 && a[0] instanceof String sql && m.getName().startsWith("execute")) {
                        a[0] = rewrite(sql);
                    }
                    return invoke(m, statement, a);
                });
            }
            return result;
        });
    }

    private static String rewrite(String sql) {
        return sql.trim().equalsIgnoreCase("SHOW BINARY LOG STATUS") ? "SHOW MASTER STATUS" : sql;
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(MariaDbStatementDriver.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PROTOCOL + ":");
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return mysql.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return mysql.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return mysql.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
