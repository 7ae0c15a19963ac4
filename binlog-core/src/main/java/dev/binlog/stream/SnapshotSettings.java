package dev.binlog.stream;

import dev.binlog.ConfigurationException;
import dev.binlog.TableFilter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link BinlogClient} copies before it follows the binary log, and when. The copy is consistent: one
 * transaction ({@code START TRANSACTION WITH CONSISTENT SNAPSHOT}) reads every table at one binary log position, and
 * the stream goes on from exactly there, so each row is delivered once as a {@link dev.binlog.ChangeType#READ} change
 * and each later change once as itself. Tables are read in primary-key order, {@code chunkSize} rows per query, each
 * row handed to the listener as it arrives, so memory stays that of one row.
 *
 * @param mode      when to copy
 * @param tables    which tables, or {@code null} for those the stream's filter includes
 * @param chunkSize rows per query, 1 to 1,000,000 (default 10,000); rows are handed on as they arrive, so this sets
 *                  the number of queries, not the memory
 * @param keys      for tables without a primary key ({@code schema.table}, as the server names it), the columns of a
 *                  unique key whose columns are all NOT NULL, to read them in that order; empty by default
 */
public record SnapshotSettings(SnapshotMode mode, TableFilter tables, int chunkSize, Map<String, List<String>> keys) {

    /** Rows per chunk query unless told otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 10_000;

    private static final SnapshotSettings NEVER = new SnapshotSettings(SnapshotMode.NEVER, null, DEFAULT_CHUNK_SIZE,
            Map.of());

    public SnapshotSettings {
        Objects.requireNonNull(mode, "mode");
        Map<String, List<String>> copied = new LinkedHashMap<>();
        (keys == null ? Map.<String, List<String>>of() : keys).forEach((table, columns) -> {
            if (columns == null || columns.isEmpty()) {
                throw new ConfigurationException("snapshot key for " + table + " names no column");
            }
            copied.put(table, List.copyOf(columns));
        });
        keys = Collections.unmodifiableMap(copied);
        if (chunkSize < 1 || chunkSize > 1_000_000) {
            throw new ConfigurationException("snapshot chunk size " + chunkSize + " must be between 1 and 1000000");
        }
    }

    /** No snapshot. */
    public static SnapshotSettings never() {
        return NEVER;
    }

    /** A snapshot in {@code mode} of the tables the stream's filter includes, in chunks of 10,000 rows. */
    public static SnapshotSettings of(SnapshotMode mode) {
        return new SnapshotSettings(mode, null, DEFAULT_CHUNK_SIZE, Map.of());
    }

    /** The same, copying only the tables {@code value} includes (of those the stream's filter includes). */
    public SnapshotSettings withTables(TableFilter value) {
        return new SnapshotSettings(mode, value, chunkSize, keys);
    }

    /** The same, reading {@code value} rows per query. */
    public SnapshotSettings withChunkSize(int value) {
        return new SnapshotSettings(mode, tables, value, keys);
    }

    /**
     * The same, reading {@code table} ({@code schema.table}), which has no primary key, in the order of
     * {@code columns}: they must hold a unique key of the table and be NOT NULL, or the start is refused. A table
     * without a primary key and without such columns named is refused too.
     */
    public SnapshotSettings withKey(String table, String... columns) {
        Map<String, List<String>> more = new LinkedHashMap<>(keys);
        more.put(Objects.requireNonNull(table, "table"), List.of(columns));
        return new SnapshotSettings(mode, tables, chunkSize, more);
    }

    /** The key columns named for {@code schema.table}, or {@code null}; table names compare ignoring case. */
    List<String> keyOf(String schema, String table) {
        String qualified = schema + "." + table;
        for (Map.Entry<String, List<String>> key : keys.entrySet()) {
            if (key.getKey().equalsIgnoreCase(qualified)) {
                return key.getValue();
            }
        }
        return null;
    }
}
