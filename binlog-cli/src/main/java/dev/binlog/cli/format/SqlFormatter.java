package dev.binlog.cli.format;

import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.Transaction;
import java.io.IOException;
import java.io.Writer;

/**
 * One executable statement per row change that reproduces it, each with its position and time as a trailing comment,
 * and each transaction between {@code BEGIN;} and {@code COMMIT;} so a replay applies it whole or not at all. The
 * first line sets the session time zone to UTC, in which TIMESTAMP values are written.
 */
public final class SqlFormatter implements ChangeFormatter {

    private final Writer out;
    private final SqlStatements statements;
    private boolean started;
    private boolean inTransaction;

    /**
     * @param out     where statements go; flushed at every commit
     * @param columns column precision and JSON-ness, see {@link ColumnInfoSource}
     */
    public SqlFormatter(Writer out, ColumnInfoSource columns) {
        this(out, columns, false);
    }

    /** @param positionalColumns write {@code `@1`}... for unnamed columns instead of refusing the change */
    public SqlFormatter(Writer out, ColumnInfoSource columns, boolean positionalColumns) {
        this.out = out;
        this.statements = new SqlStatements(columns, positionalColumns);
    }

    @Override
    public void change(RowChange change) throws IOException {
        // built first: a change that cannot be written leaves no half-written statement behind
        String statement = statements.replay(change);
        start();
        if (!inTransaction) {
            out.write(SqlStatements.BEGIN);
            inTransaction = true;
        }
        out.write(statement);
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
