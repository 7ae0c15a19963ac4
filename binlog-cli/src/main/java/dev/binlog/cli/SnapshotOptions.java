package dev.binlog.cli;

import dev.binlog.ConfigurationException;
import dev.binlog.TableFilter;
import dev.binlog.stream.SnapshotKind;
import dev.binlog.stream.SnapshotMode;
import dev.binlog.stream.SnapshotSettings;
import dev.binlog.stream.SnapshotWatermark;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code tail --snapshot} and the options that say how it copies: {@code --snapshot-mode}, {@code --watermark},
 * {@code --signal-table}, {@code --snapshot-key}, {@code --chunk-size}, {@code --no-progress}.
 */
final class SnapshotOptions {

    private static final String CONSISTENT = "consistent";
    private static final String INCREMENTAL = "incremental";

    @Option(names = "--snapshot", paramLabel = "TABLES",
            description = "First copy these tables as they are (schema.table patterns, comma-separated, as for"
                    + " --include), then stream what changes after the copy. In JSON the copy is Maxwell's bootstrap"
                    + " records (bootstrap-start, bootstrap-insert, bootstrap-complete); in SQL, INSERTs (upserts when"
                    + " incremental). With --position-file, only when the file holds no position yet, or to go on"
                    + " with an incremental copy it holds.")
    String tables;

    @Option(names = "--snapshot-mode", paramLabel = "MODE", defaultValue = CONSISTENT,
            description = "consistent: one transaction reads every table at one point in time, the stream goes on"
                    + " from there (MariaDB and Percona: no lock; MySQL: FLUSH TABLES WITH READ LOCK for a moment)."
                    + " incremental: chunks are read while the stream flows (DBLog), so changes are printed during the"
                    + " copy, and a killed run with --position-file goes on after its last chunk; in SQL a copied row"
                    + " is an INSERT ... ON DUPLICATE KEY UPDATE; not with --stop-at-end. (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--watermark", paramLabel = "KIND",
            description = "With --snapshot-mode incremental, how each chunk's window is marked in the binary log:"
                    + " table (default) writes two rows into --signal-table per chunk (INSERT, DELETE on it, and"
                    + " CREATE if it is missing); gtid writes nothing (for read-only accounts) and needs GTIDs (on MySQL also a --start GTID set).")
    SnapshotWatermark watermark;

    @Option(names = "--signal-table", paramLabel = "NAME",
            description = "With --snapshot-mode incremental, the signal table: a bare name (default "
                    + SnapshotSettings.DEFAULT_SIGNAL_TABLE + ", in the schema of the first table copied, created when"
                    + " missing) or schema.table.")
    String signalTable;

    @Option(names = "--snapshot-key", paramLabel = "SCHEMA.TABLE=COLS", converter = SnapshotKey.Converter.class,
            description = "For a table without a primary key, the columns of a unique key whose columns are all NOT"
                    + " NULL to copy it by, comma-separated (e.g. shop.logs=id,ts). Repeatable.")
    List<SnapshotKey> keys = new ArrayList<>();

    @Option(names = "--chunk-size", paramLabel = "ROWS", defaultValue = "10000",
            description = "Rows per key chunk query of --snapshot (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--no-progress", description = "Never show the --snapshot progress line (shown on a terminal"
            + " otherwise).")
    boolean noProgress;

    /** Whether a snapshot is asked for. */
    boolean requested() {
        return tables != null;
    }

    boolean incremental() {
        return requested() && mode.equals(INCREMENTAL);
    }

    /** Refuses combinations that make no sense, before anything connects. */
    void check(CommandLine commandLine) {
        if (!mode.equals(CONSISTENT) && !mode.equals(INCREMENTAL)) {
            throw new ParameterException(commandLine, "--snapshot-mode must be consistent or incremental, not '"
                    + mode + "'");
        }
        requireIncremental(commandLine, "--watermark", watermark != null);
        requireIncremental(commandLine, "--signal-table", signalTable != null);
        if (!keys.isEmpty() && !requested()) {
            throw new ParameterException(commandLine, "--snapshot-key needs --snapshot");
        }
        if (chunkSize < 1 || chunkSize > 1_000_000) {
            throw new ParameterException(commandLine, "--chunk-size must be between 1 and 1000000");
        }
        try {
            settings();
        } catch (ConfigurationException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }

    private void requireIncremental(CommandLine commandLine, String option, boolean given) {
        if (given && !incremental()) {
            throw new ParameterException(commandLine, option + " needs --snapshot with --snapshot-mode incremental");
        }
    }

    /** What the client copies: nothing without {@code --snapshot}. */
    SnapshotSettings settings() {
        if (!requested()) {
            return SnapshotSettings.never();
        }
        SnapshotSettings settings = SnapshotSettings.of(SnapshotMode.INITIAL).withChunkSize(chunkSize)
                .withTables(TableFilter.builder().include(tables).build());
        for (SnapshotKey key : keys) {
            settings = settings.withKey(key.table(), key.columns().toArray(String[]::new));
        }
        if (!incremental()) {
            return settings;
        }
        return settings.withKind(SnapshotKind.INCREMENTAL)
                .withWatermark(watermark == null ? SnapshotWatermark.TABLE : watermark)
                .withSignalTable(signalTable == null ? SnapshotSettings.DEFAULT_SIGNAL_TABLE : signalTable);
    }
}
