package dev.binlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.Set;

/**
 * The JDBC position row with a leadership epoch: {@link JdbcPositionStore}'s table, with {@code epoch},
 * {@code holder} and {@code claimed_at} columns added when missing. A claim raises the epoch under the row's lock; a
 * save is {@code UPDATE ... WHERE name = ? AND epoch = ?}, so once another instance claimed, this one's save changes
 * no row and fails.
 */
final class FencedJdbcPositionStore implements FencedPositionStore {

    private static final int MAX_HOLDER_LENGTH = 255;

    private final JdbcPositionStore row;
    private volatile boolean columnsReady;
    private volatile Claim claimed;

    FencedJdbcPositionStore(JdbcPositionStore row) {
        this.row = row;
    }

    @Override
    public Claim claim(String holder) {
        if (holder == null || holder.isBlank() || holder.length() > MAX_HOLDER_LENGTH) {
            throw new ConfigurationException("the holder of a position claim must be 1 to " + MAX_HOLDER_LENGTH
                    + " characters");
        }
        try (Connection c = row.connection()) {
            ready(c);
            c.setAutoCommit(false);
            try {
                Claim previous = read(c, true);
                if (previous == null && !insertUnclaimed(c)) {
                    // another instance created the row in between: lock it as it is now
                    previous = read(c, true);
                }
                long epoch = (previous == null ? 0 : previous.epoch()) + 1;
                try (PreparedStatement update = c.prepareStatement("UPDATE " + row.table() + " SET epoch = ?,"
                        + " holder = ?, claimed_at = CURRENT_TIMESTAMP WHERE name = ?")) {
                    update.setLong(1, epoch);
                    update.setString(2, holder);
                    update.setString(3, row.name());
                    update.executeUpdate();
                }
                Claim now = read(c, false);
                c.commit();
                claimed = now;
                return now;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new BinlogException("cannot claim the binlog position row '" + row.name() + "' of table "
                    + row.table() + ": " + e.getMessage() + "; check that the data source reaches its database and"
                    + " that its user may alter and update that table", e);
        }
    }

    @Override
    public Optional<Claim> claimed() {
        return Optional.ofNullable(claimed);
    }

    @Override
    public Optional<Claim> currentClaim() {
        try (Connection c = row.connection()) {
            ready(c);
            return Optional.ofNullable(read(c, false)).filter(claim -> claim.epoch() > 0);
        } catch (SQLException e) {
            throw new BinlogException("cannot read the claim of position row '" + row.name() + "' of table "
                    + row.table() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<BinlogPosition> load() {
        return row.load();
    }

    /**
     * @throws FencedException when another instance claimed the row after this one (nothing is written)
     * @throws IllegalStateException before {@link #claim}
     */
    @Override
    public void save(BinlogPosition position) {
        Claim mine = claimed;
        if (mine == null) {
            throw new IllegalStateException("claim the position row '" + row.name() + "' before saving to it");
        }
        String text = position.toString();
        int updated;
        try (Connection c = row.connection()) {
            ready(c);
            row.checkFits(text);
            try (PreparedStatement update = c.prepareStatement("UPDATE " + row.table() + " SET position = ?,"
                    + " updated_at = CURRENT_TIMESTAMP WHERE name = ? AND epoch = ?")) {
                update.setString(1, text);
                update.setString(2, row.name());
                update.setLong(3, mine.epoch());
                updated = update.executeUpdate();
            }
            if (updated == 0 && !sameEpoch(c, mine)) {
                Claim now = read(c, false);
                throw new FencedException("the position row '" + row.name() + "' of table " + row.table() + " was"
                        + " claimed by " + (now == null ? "nobody (the row is gone)" : now.holder() + " at epoch "
                        + now.epoch() + " (" + now.since() + ")") + ", after this instance's claim at epoch "
                        + mine.epoch() + ": another instance streams now, so this one stops without saving "
                        + position);
            }
        } catch (SQLException e) {
            throw new BinlogException("cannot save the binlog position " + position + " to table " + row.table()
                    + " row '" + row.name() + "': " + e.getMessage() + "; the stream stops so that no change is"
                    + " acknowledged without a saved position", e);
        }
    }

    /** A driver that counts changed rather than matched rows answers 0 for an unchanged row, too. */
    private boolean sameEpoch(Connection c, Claim mine) throws SQLException {
        Claim now = read(c, false);
        return now != null && now.epoch() == mine.epoch();
    }

    @Override
    public Set<String> ownTables() {
        return row.ownTables();
    }

    private Claim read(Connection c, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT epoch, holder, claimed_at FROM " + row.table()
                + " WHERE name = ?" + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, row.name());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long epoch = rs.getLong(1);
                String holder = rs.getString(2);
                Timestamp since = rs.getTimestamp(3);
                return epoch == 0 || holder == null || since == null ? new Claim(0, "", java.time.Instant.EPOCH)
                        : new Claim(epoch, holder, since.toInstant());
            }
        }
    }

    /** The row, without a position yet; false when another instance inserted it first. */
    private boolean insertUnclaimed(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + row.table()
                + " (name, position, updated_at, epoch) VALUES (?, '', CURRENT_TIMESTAMP, 0)")) {
            insert.setString(1, row.name());
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw e;
        }
    }

    /** The table, and its claim columns when a plain store made it. */
    private void ready(Connection c) throws SQLException {
        if (columnsReady) {
            return;
        }
        row.ensureTable(c);
        int dot = row.table().indexOf('.');
        String catalog = dot < 0 ? c.getCatalog() : row.table().substring(0, dot);
        String name = dot < 0 ? row.table() : row.table().substring(dot + 1);
        boolean hasEpoch;
        try (ResultSet columns = c.getMetaData().getColumns(catalog, null, name, "epoch")) {
            hasEpoch = columns.next();
        }
        if (!hasEpoch) {
            // one statement, so that an instance adding them at the same moment sees all three or none
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + row.table() + " ADD COLUMN epoch BIGINT NOT NULL DEFAULT 0, ADD COLUMN"
                        + " holder VARCHAR(" + MAX_HOLDER_LENGTH + "), ADD COLUMN claimed_at TIMESTAMP NULL");
            } catch (SQLException e) {
                try (ResultSet columns = c.getMetaData().getColumns(catalog, null, name, "claimed_at")) {
                    if (!columns.next()) {
                        throw e;
                    }
                }
            }
        }
        columnsReady = true;
    }

    @Override
    public String toString() {
        Claim mine = claimed;
        return row + (mine == null ? " (unclaimed)" : " epoch " + mine.epoch() + " of " + mine.holder());
    }
}
