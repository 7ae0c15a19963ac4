package dev.binlog;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Where the stream saves the position of the last transaction its listener finished, and reads it back on start.
 * Implement it to keep positions in your own storage; saves happen on the stream's thread after each commit.
 */
public interface PositionStore {

    /** The last saved position, or empty when nothing was saved yet. */
    Optional<BinlogPosition> load();

    /** Saves a position durably; when this returns, a restart resumes from here. */
    void save(BinlogPosition position);

    /**
     * The tables this store writes into, as {@code schema.table}, when it keeps positions in the streamed server
     * itself. The stream never delivers their rows, and a transaction that only wrote them is neither counted in the
     * statistics nor followed by a position save (which would write again, and so on without end). Called once per
     * start, after {@link #load()}. Empty by default.
     */
    default Set<String> ownTables() {
        return Set.of();
    }

    /** Keeps positions in memory only (lost on restart). */
    static PositionStore inMemory() {
        return new MemoryPositionStore();
    }

    /** Keeps the position in one small text file, written atomically (temporary file, fsync, rename). */
    static PositionStore file(Path path) {
        return new FilePositionStore(path);
    }

    /**
     * Keeps the position in one row of a table reached through {@code dataSource}, created when missing:
     * {@code CREATE TABLE IF NOT EXISTS <table> (name VARCHAR(100) PRIMARY KEY, position VARCHAR(4000) NOT NULL,
     * updated_at TIMESTAMP NOT NULL)}. Each save is an UPDATE (an INSERT the first time) in auto-commit. When the
     * table is in the streamed server, its writes are {@link #ownTables()} and never reach the listener.
     *
     * @param dataSource where the table is; needs a JDBC driver on the class path, e.g.
     *                   {@code org.mariadb.jdbc:mariadb-java-client}
     * @param table      {@code table} (in the data source's current database) or {@code schema.table}: letters,
     *                   digits and {@code _} only
     * @param name       this stream's row, 1 to 100 characters: applications that share the table need different
     *                   names
     * @throws ConfigurationException when the table or row name is not one the store accepts
     */
    static PositionStore jdbc(DataSource dataSource, String table, String name) {
        return new JdbcPositionStore(dataSource, table, name);
    }

    /**
     * As {@link #jdbc}, for instances that share one row and stream one at a time: the row carries a leadership epoch
     * ({@code epoch}, {@code holder} and {@code claimed_at} columns, added to the table when missing). The instance
     * that takes over calls {@link FencedPositionStore#claim} before it starts streaming; a save by any instance that
     * claimed earlier then fails with a {@link FencedException}, which stops its stream.
     */
    static FencedPositionStore fencedJdbc(DataSource dataSource, String table, String name) {
        return new FencedJdbcPositionStore(new JdbcPositionStore(dataSource, table, name));
    }
}
