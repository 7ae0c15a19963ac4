package dev.binlog.spring.listener;

import dev.binlog.BinlogException;
import dev.binlog.ConfigurationException;
import dev.binlog.RowChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Dead letters in a table of the application's DataSource ({@code binlog.error-handling.dead-letter-table}, default
 * {@code binlog_dead_letter}), created when missing on the first use:
 * {@code id BIGINT AUTO_INCREMENT PRIMARY KEY, listener_id, table_name, row_key (JSON), position, gtid, error,
 * payload (the change as JSON), created_at, replayed_at}.
 */
public final class JdbcDeadLetters implements DeadLetters {

    private static final String COLUMNS = "id, listener_id, table_name, row_key, position, gtid, error, created_at,"
            + " replayed_at";

    private final DataSource dataSource;
    private final String table;
    private volatile boolean created;

    public JdbcDeadLetters(DataSource dataSource, String table) {
        if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new ConfigurationException("binlog.error-handling.dead-letter-table '" + table + "' is not a table"
                    + " name: use letters, digits and underscores, optionally schema.table");
        }
        this.dataSource = dataSource;
        this.table = table;
    }

    private void ensureTable(Connection connection) throws SQLException {
        if (created) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "listener_id VARCHAR(200), table_name VARCHAR(200), row_key TEXT, position VARCHAR(4000), "
                    + "gtid VARCHAR(200), error TEXT, payload LONGTEXT, created_at TIMESTAMP NOT NULL DEFAULT "
                    + "CURRENT_TIMESTAMP, replayed_at TIMESTAMP NULL)");
        }
        created = true;
    }

    @Override
    public long write(String listenerId, RowChange change, Exception error) {
        try (Connection connection = dataSource.getConnection()) {
            ensureTable(connection);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (listener_id, "
                    + "table_name, row_key, position, gtid, error, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, listenerId);
                insert.setString(2, change.qualifiedTable());
                insert.setString(3, DeadLetterPayload.keyJson(change));
                insert.setString(4, change.metadata().binlogFile() + ":" + change.metadata().position() + "#"
                        + change.metadata().rowIndex());
                insert.setString(5, change.metadata().gtid());
                insert.setString(6, error.getClass().getName() + ": " + error.getMessage());
                insert.setString(7, DeadLetterPayload.toJson(change));
                insert.setTimestamp(8, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    return keys.next() ? keys.getLong(1) : -1;
                }
            }
        } catch (SQLException e) {
            throw new BinlogException("could not write the dead letter of listener " + listenerId + " for " + change
                    + " to " + table + ": " + e.getMessage() + "; the stream stops so that the change is not lost", e);
        }
    }

    @Override
    public long count() {
        try (Connection connection = dataSource.getConnection()) {
            ensureTable(connection);
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failed("count", e);
        }
    }

    @Override
    public List<DeadLetter> latest(int limit) {
        try (Connection connection = dataSource.getConnection()) {
            ensureTable(connection);
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + ", NULL AS payload FROM "
                    + table + " ORDER BY id DESC")) {
                query.setMaxRows(limit);
                try (ResultSet rs = query.executeQuery()) {
                    List<DeadLetter> letters = new ArrayList<>();
                    while (rs.next() && letters.size() < limit) {
                        letters.add(letter(rs));
                    }
                    return letters;
                }
            }
        } catch (SQLException e) {
            throw failed("read", e);
        }
    }

    @Override
    public Optional<DeadLetter> find(long id) {
        try (Connection connection = dataSource.getConnection()) {
            ensureTable(connection);
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + ", payload FROM " + table
                    + " WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.of(letter(rs)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw failed("read", e);
        }
    }

    @Override
    public void markReplayed(long id, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + table
                        + " SET replayed_at = ? WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setLong(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw failed("update", e);
        }
    }

    private static DeadLetter letter(ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp("created_at");
        Timestamp replayed = rs.getTimestamp("replayed_at");
        return new DeadLetter(rs.getLong("id"), rs.getString("listener_id"), rs.getString("table_name"),
                rs.getString("row_key"), rs.getString("position"), rs.getString("gtid"), rs.getString("error"),
                rs.getString("payload"), created == null ? null : created.toInstant(),
                replayed == null ? null : replayed.toInstant());
    }

    private BinlogException failed(String what, SQLException e) {
        return new BinlogException("could not " + what + " the dead letters in " + table + ": " + e.getMessage(), e);
    }
}
