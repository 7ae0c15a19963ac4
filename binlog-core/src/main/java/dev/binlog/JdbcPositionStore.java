package dev.binlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link PositionStore} in one row of a table, keyed by a name so that applications sharing the table keep their
 * own positions. The table is created when missing:
 *
 * <pre>{@code
 * CREATE TABLE IF NOT EXISTS binlog_position (name VARCHAR(100) PRIMARY KEY,
 *     position VARCHAR(4000) NOT NULL, updated_at TIMESTAMP NOT NULL)
 * }</pre>
 *
 * The row holds {@link BinlogPosition#toString()}. Every statement runs in auto-commit, so a save is durable when it
 * returns and a crash leaves the old row or the new one. Plain SQL only, so the table may live in any database the
 * application has a driver for; when it is the streamed server, {@link #ownTables()} keeps its writes out of the
 * stream.
 */
final class JdbcPositionStore implements PositionStore {

    /** Longest row name; the {@code name} column's width. */
    static final int MAX_NAME_LENGTH = 100;

    /**
     * The table name goes into the SQL text (identifiers cannot be bound parameters), so only plain identifiers pass:
     * {@code table} or {@code schema.table}, no quotes, spaces or semicolons.
     */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}(\\.[A-Za-z0-9_]{1,64})?");

    private final DataSource dataSource;
    private final String table;
    private final String name;
    private volatile boolean tableReady;
    private volatile int capacity = Integer.MAX_VALUE;
    private volatile Set<String> ownTables;

    JdbcPositionStore(DataSource dataSource, String table, String name) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new ConfigurationException("the position table name '" + table + "' is not a plain table name: use "
                    + "letters, digits and _, optionally after a schema name and a dot (shop.binlog_position)");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new ConfigurationException("the position row name '" + name + "' must be 1 to " + MAX_NAME_LENGTH
                    + " characters; applications that share the table " + table + " need different names");
        }
        this.table = table;
        this.name = name;
    }

    @Override
    public Optional<BinlogPosition> load() {
        String text;
        try (Connection c = connection()) {
            ensureTable(c);
            try (PreparedStatement s = c.prepareStatement("SELECT position FROM " + table + " WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    text = rs.getString(1);
                }
            }
        } catch (SQLException e) {
            throw new BinlogException("cannot read the binlog position of '" + name + "' from table " + table + ": "
                    + e.getMessage() + "; check that the data source reaches its database and that its user may "
                    + "create and read that table", e);
        }
        if (text == null || text.isEmpty()) {
            // a row claimed (FencedPositionStore) before its first save
            return Optional.empty();
        }
        try {
            return Optional.of(BinlogPosition.parse(text));
        } catch (ConfigurationException e) {
            throw new BinlogException("the binlog position in table " + table + " row '" + name + "' is damaged ("
                    + e.getMessage() + "); fix it, or delete the row to start from the configured start position", e);
        }
    }

    /**
     * An UPDATE of this name's row, or an INSERT when there is none yet. Should another instance with the same name
     * insert in between, the INSERT fails on the key and the UPDATE is repeated: the row then exists.
     */
    @Override
    public void save(BinlogPosition position) {
        String text = position.toString();
        try (Connection c = connection()) {
            ensureTable(c);
            checkFits(text);
            if (update(c, text) == 0) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                        + " (name, position, updated_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                    insert.setString(1, name);
                    insert.setString(2, text);
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!duplicateKey(e)) {
                        throw e;
                    }
                    // A driver that counts changed rather than matched rows answers 0 for an unchanged row, too.
                    update(c, text);
                }
            }
        } catch (SQLException e) {
            throw new BinlogException("cannot save the binlog position " + position + " to table " + table + " row '"
                    + name + "': " + e.getMessage() + "; the stream stops so that no change is acknowledged without "
                    + "a saved position", e);
        }
    }

    /** A server outside strict mode would cut a longer text short, and the next start could not read it back. */
    void checkFits(String text) {
        if (text.length() > capacity) {
            throw new BinlogException("the binlog position to save is " + text.length() + " characters, more than"
                    + " the " + capacity + " of column " + table + ".position (an incremental snapshot's"
                    + " checkpoint lists the tables it has still to copy); snapshot fewer tables at once, or widen"
                    + " the column (ALTER TABLE " + table + " MODIFY position TEXT NOT NULL)");
        }
    }

    String table() {
        return table;
    }

    String name() {
        return name;
    }

    private int update(Connection c, String text) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE " + table + " SET position = ?, updated_at = CURRENT_TIMESTAMP WHERE name = ?")) {
            update.setString(1, text);
            update.setString(2, name);
            return update.executeUpdate();
        }
    }

    /** SQL state class 23 is an integrity constraint violation, here the primary key. */
    private static boolean duplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** A connection in auto-commit: a pool's may come without, and the table and the row must not wait for a commit. */
    Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    void ensureTable(Connection c) throws SQLException {
        if (!tableReady) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (name VARCHAR(" + MAX_NAME_LENGTH
                        + ") PRIMARY KEY, position VARCHAR(4000) NOT NULL, updated_at TIMESTAMP NOT NULL)");
            }
            capacity = positionColumnSize(c);
            tableReady = true;
        }
    }

    /** The declared size of the position column (a table made by hand may differ), or no limit when unknown. */
    private int positionColumnSize(Connection c) throws SQLException {
        int dot = table.indexOf('.');
        String catalog = dot < 0 ? c.getCatalog() : table.substring(0, dot);
        String name = dot < 0 ? table : table.substring(dot + 1);
        try (ResultSet columns = c.getMetaData().getColumns(catalog, null, name, "position")) {
            if (columns.next()) {
                int size = columns.getInt("COLUMN_SIZE");
                return size > 0 ? size : Integer.MAX_VALUE;
            }
        }
        return Integer.MAX_VALUE;
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
                        + e.getMessage() + "; check that the data source reaches its database, or name the table "
                        + "with its schema (schema." + table + ")", e);
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
