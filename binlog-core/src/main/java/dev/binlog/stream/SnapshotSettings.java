package dev.binlog.stream;

import dev.binlog.ConfigurationException;
import dev.binlog.TableFilter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link BinlogClient} copies besides following the binary log, and when. A {@link SnapshotKind#CONSISTENT}
 * copy (the default) reads every table in one transaction ({@code START TRANSACTION WITH CONSISTENT SNAPSHOT}) at one
 * binary log position before streaming, and the stream goes on from exactly there, so each row is delivered once as a
 * {@link dev.binlog.ChangeType#READ} change and each later change once as itself. An {@link SnapshotKind#INCREMENTAL}
 * copy reads chunks while the stream flows and can also be asked for at any time ({@link BinlogClient#snapshot}).
 * Tables are read in primary-key order, {@code chunkSize} rows per query.
 *
 * @param mode        when to copy at start
 * @param kind        how to copy at start; what {@link BinlogClient#snapshot} asks for later is always incremental
 * @param tables      which tables, or {@code null} for those the stream's filter includes
 * @param chunkSize   rows per query, 1 to 1,000,000 (default 10,000). A consistent copy hands rows on as they arrive,
 *                    so this sets the number of queries; an incremental one holds a chunk until its window closes, so
 *                    this also bounds its memory
 * @param keys        for tables without a primary key ({@code schema.table}, as the server names it), the columns of a
 *                    unique key whose columns are all NOT NULL, to read them in that order; empty by default
 * @param watermark   how an incremental copy marks its chunk windows (default {@link SnapshotWatermark#TABLE})
 * @param signalTable the signal table: {@code schema.table}, or a bare name (default {@code binlog_signal}) watched in
 *                    every schema and created in the schema of the first table copied. Rows inserted into it
 *                    ({@code id, type, data}, Debezium's shape) ask for snapshots: type {@code execute-snapshot} with
 *                    data {@code {"data-collections": ["shop.orders"]}} (or just {@code shop.orders,shop.items}), and
 *                    {@code pause-snapshot}, {@code resume-snapshot}, {@code stop-snapshot}
 */
public record SnapshotSettings(SnapshotMode mode, SnapshotKind kind, TableFilter tables, int chunkSize,
        Map<String, List<String>> keys, SnapshotWatermark watermark, String signalTable) {

    /** Rows per chunk query unless told otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 10_000;

    /** The signal table's name unless told otherwise. */
    public static final String DEFAULT_SIGNAL_TABLE = "binlog_signal";

    private static final SnapshotSettings NEVER = of(SnapshotMode.NEVER);

    public SnapshotSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(signalTable, "signalTable");
        if (!signalTable.matches("[A-Za-z0-9_$]+(\\.[A-Za-z0-9_$]+)?")) {
            throw new ConfigurationException("signal table '" + signalTable + "' must be table or schema.table, of"
                    + " letters, digits, _ and $");
        }
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

    /** No snapshot at start; {@link BinlogClient#snapshot} may still ask for one. */
    public static SnapshotSettings never() {
        return NEVER;
    }

    /** A consistent snapshot in {@code mode} of the tables the stream's filter includes, in chunks of 10,000 rows. */
    public static SnapshotSettings of(SnapshotMode mode) {
        return new SnapshotSettings(mode, SnapshotKind.CONSISTENT, null, DEFAULT_CHUNK_SIZE, Map.of(),
                SnapshotWatermark.TABLE, DEFAULT_SIGNAL_TABLE);
    }

    /** The same, copied the way {@code value} says. */
    public SnapshotSettings withKind(SnapshotKind value) {
        return new SnapshotSettings(mode, value, tables, chunkSize, keys, watermark, signalTable);
    }

    /** The same, copying only the tables {@code value} includes (of those the stream's filter includes). */
    public SnapshotSettings withTables(TableFilter value) {
        return new SnapshotSettings(mode, kind, value, chunkSize, keys, watermark, signalTable);
    }

    /** The same, reading {@code value} rows per query. */
    public SnapshotSettings withChunkSize(int value) {
        return new SnapshotSettings(mode, kind, tables, value, keys, watermark, signalTable);
    }

    /** The same, marking incremental chunk windows the way {@code value} says. */
    public SnapshotSettings withWatermark(SnapshotWatermark value) {
        return new SnapshotSettings(mode, kind, tables, chunkSize, keys, value, signalTable);
    }

    /** The same, with {@code value} ({@code table} or {@code schema.table}) as the signal table. */
    public SnapshotSettings withSignalTable(String value) {
        return new SnapshotSettings(mode, kind, tables, chunkSize, keys, watermark, value);
    }

    /**
     * The same, reading {@code table} ({@code schema.table}), which has no primary key, in the order of
     * {@code columns}: they must hold a unique key of the table and be NOT NULL, or the start is refused. A table
     * without a primary key and without such columns named is refused too.
     */
    public SnapshotSettings withKey(String table, String... columns) {
        Map<String, List<String>> more = new LinkedHashMap<>(keys);
        more.put(Objects.requireNonNull(table, "table"), List.of(columns));
        return new SnapshotSettings(mode, kind, tables, chunkSize, more, watermark, signalTable);
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
