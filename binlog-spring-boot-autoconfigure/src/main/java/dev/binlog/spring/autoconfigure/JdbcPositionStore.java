package dev.binlog.spring.autoconfigure;

import dev.binlog.BinlogException;
import dev.binlog.BinlogPosition;
import dev.binlog.PositionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Keeps the position in a table of the application's own database, one row per stream name, created when missing.
 * A save is one statement in its own transaction. When that database is the streamed server, the stream ignores the
 * table's own writes ({@link #ownTables()}).
 */
public final class JdbcPositionStore implements PositionStore {

    private final DataSource dataSource;
    private final String table;
    private final String name;
    private volatile boolean tableReady;
    private volatile Set<String> ownTables;

    /**
     * @param table created when missing
     * @param name  this stream's row: applications that share the table need different names (at most 100
     *              characters)
     */
    public JdbcPositionStore(DataSource dataSource, String table, String name) {
        if (!table.matches("[A-Za-z0-9_.]+")) {
            throw new IllegalArgumentException("position table name '" + table + "' must be letters, digits, _ or .");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("position row name '" + name + "' (binlog.position-store.name) must be "
                    + "1 to 100 characters");
        }
        this.dataSource = dataSource;
        this.table = table;
        this.name = name;
    }

    private void ensureTable(Connection c) throws SQLException {
        if (!tableReady) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (name VARCHAR(100) PRIMARY KEY,"
                        + " position VARCHAR(4000) NOT NULL, updated_at TIMESTAMP NOT NULL)");
            }
            tableReady = true;
        }
    }

    @Override
    public Optional<BinlogPosition> load() {
        try (Connection c = dataSource.getConnection()) {
            ensureTable(c);
            try (PreparedStatement s = c.prepareStatement("SELECT position FROM " + table + " WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(BinlogPosition.parse(rs.getString(1))) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new BinlogException("cannot read the binlog position from table " + table + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void save(BinlogPosition position) {
        try (Connection c = dataSource.getConnection()) {
            ensureTable(c);
            c.setAutoCommit(true);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE " + table + " SET position = ?, updated_at = CURRENT_TIMESTAMP WHERE name = ?")) {
                update.setString(1, position.toString());
                update.setString(2, name);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                            + " (name, position, updated_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                        insert.setString(1, name);
                        insert.setString(2, position.toString());
                        insert.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new BinlogException("cannot save the binlog position " + position + " to table " + table + ": "
                    + e.getMessage() + "; the stream stops so no change is acknowledged unsaved", e);
        }
    }

    /** The position table, qualified with the data source's current database when its name has no schema. */
    @Override
    public Set<String> ownTables() {
        Set<String> known = ownTables;
        if (known != null) {
            return known;
        }
        if (table.contains(".")) {
            known = Set.of(table);
        } else {
            try (Connection c = dataSource.getConnection()) {
                String catalog = c.getCatalog();
                known = catalog == null ? Set.of() : Set.of(catalog + "." + table);
            } catch (SQLException e) {
                throw new BinlogException("cannot read which database holds the position table " + table + ": "
                        + e.getMessage(), e);
            }
        }
        ownTables = known;
        return known;
    }

    @Override
    public String toString() {
        return "jdbc table " + table + " row '" + name + "'";
    }
}
