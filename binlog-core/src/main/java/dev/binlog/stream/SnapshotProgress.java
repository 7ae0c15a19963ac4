package dev.binlog.stream;

import dev.binlog.BinlogPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far a snapshot has come: {@link BinlogClient#snapshotProgress()} while it copies, and after it finished.
 *
 * @param position      the binary log position the copy corresponds to
 * @param tables        tables the snapshot copies
 * @param tablesCopied  tables copied completely
 * @param table         the table being copied ({@code schema.table}), or {@code null} between tables and at the end
 * @param rows          rows copied so far, all tables
 * @param chunks        chunk queries run so far
 * @param estimatedRows the server's estimate of all the tables' rows ({@code information_schema.TABLES.TABLE_ROWS})
 * @param chunkTime     time spent in the chunk queries, including handing their rows to the listener
 * @param startedAt     when the copy started
 * @param finishedAt    when it finished, or {@code null} while it runs
 */
public record SnapshotProgress(BinlogPosition position, int tables, int tablesCopied, String table, long rows,
        long chunks, long estimatedRows, Duration chunkTime, Instant startedAt, Instant finishedAt) {

    /** Tables not yet copied completely. */
    public int remainingTables() {
        return tables - tablesCopied;
    }

    public boolean finished() {
        return finishedAt != null;
    }

    /**
     * Time left at the rate so far, by the server's row estimate; empty before the first rows or once the estimate is
     * passed (estimates are rough).
     */
    public Optional<Duration> estimatedTimeLeft(Instant now) {
        if (finished() || rows == 0 || estimatedRows <= rows) {
            return Optional.empty();
        }
        double nanosPerRow = (double) Duration.between(startedAt, now).toNanos() / rows;
        return Optional.of(Duration.ofNanos((long) (nanosPerRow * (estimatedRows - rows))));
    }

    SnapshotProgress copying(String currentTable) {
        return new SnapshotProgress(position, tables, tablesCopied, currentTable, rows, chunks, estimatedRows,
                chunkTime, startedAt, null);
    }

    SnapshotProgress chunk(String currentTable, long chunkRows, Duration took) {
        return new SnapshotProgress(position, tables, tablesCopied, currentTable, rows + chunkRows, chunks + 1,
                estimatedRows, chunkTime.plus(took), startedAt, null);
    }

    SnapshotProgress tableCopied() {
        return new SnapshotProgress(position, tables, tablesCopied + 1, null, rows, chunks, estimatedRows, chunkTime,
                startedAt, null);
    }

    SnapshotProgress done(Instant at) {
        return new SnapshotProgress(position, tables, tablesCopied, null, rows, chunks, estimatedRows, chunkTime,
                startedAt, at);
    }
}
