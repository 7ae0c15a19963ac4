package dev.binlog.cli.format;

import dev.binlog.ChangeType;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.Transaction;
import java.io.IOException;
import java.io.Writer;

/**
 * One executable statement per row change that reproduces it, each with its position and time as a trailing comment,
 * and each transaction between {@code BEGIN;} and {@code COMMIT;} so a replay applies it whole or not at all. The
 * first line sets the session time zone to UTC, in which TIMESTAMP values are written.
 *
 * <p>Rows of an incremental snapshot arrive between transactions and may repeat a row the stream already inserted:
 * they are upserts, committed before the next transaction begins; see {@link SqlStatements#replayOverCopy}.
 */
public final class SqlFormatter implements ChangeFormatter {

    private static final int SNAPSHOT_ROWS_PER_TRANSACTION = 1_000;

    private final Writer out;
    private final SqlStatements statements;
    private final IncrementalCopy copy;
    private boolean started;
    private boolean inTransaction;
    private int snapshotRowsInTransaction;

    /**
     * @param out     where statements go; flushed at every commit
     * @param columns column precision and JSON-ness, see {@link ColumnInfoSource}
     */
    public SqlFormatter(Writer out, ColumnInfoSource columns) {
        this(out, columns, false);
    }

    /** @param positionalColumns write {@code `@1`}... for unnamed columns instead of refusing the change */
    public SqlFormatter(Writer out, ColumnInfoSource columns, boolean positionalColumns) {
        this(out, columns, positionalColumns, null);
    }

    /** @param copy the incremental snapshot's tables in progress, or {@code null} when snapshots are consistent */
    public SqlFormatter(Writer out, ColumnInfoSource columns, boolean positionalColumns, IncrementalCopy copy) {
        this.out = out;
        this.statements = new SqlStatements(columns, positionalColumns);
        this.copy = copy;
    }

    /** Copied rows still open are committed on their own, not with the transaction's changes. */
    @Override
    public void begin(Transaction transaction) throws IOException {
        if (snapshotRowsInTransaction > 0) {
            commit(null);
        }
    }

    @Override
    public void change(RowChange change) throws IOException {
        // built first: a change that cannot be written leaves no half-written statement behind
        String statement = copy != null && (change.type() == ChangeType.READ || copy.copying(change))
                ? statements.replayOverCopy(change) : statements.replay(change);
        start();
        if (!inTransaction) {
            out.write(SqlStatements.BEGIN);
            inTransaction = true;
        }
        out.write(statement);
        if (change.type() == ChangeType.READ && ++snapshotRowsInTransaction == SNAPSHOT_ROWS_PER_TRANSACTION) {
            commit(null);
        }
    }

    /** A table's copied rows are committed in transactions of a thousand rows, the last at the table's end. */
    @Override
    public void snapshot(SnapshotMarker marker) throws IOException {
        if (copy != null) {
            copy.marker(marker);
        }
        if (marker.kind() == SnapshotMarker.Kind.TABLE_FINISHED) {
            commit(null);
        }
    }

    /** DDL is written as logged, so that a replay from the start of the log creates the tables it fills. */
    @Override
    public void schemaChange(SchemaChange change) throws IOException {
        start();
        out.write(SqlStatements.ddl(change));
        out.flush();
    }

    private void start() throws IOException {
        if (!started) {
            out.write(SqlStatements.SESSION_SETUP);
            started = true;
        }
    }

    @Override
    public void commit(Transaction transaction) throws IOException {
        snapshotRowsInTransaction = 0;
        if (inTransaction) {
            out.write(SqlStatements.COMMIT);
            inTransaction = false;
        }
        out.flush();
    }

    /** A transaction cut off by the end of the selection stays open: replaying it applies nothing of it. */
    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
