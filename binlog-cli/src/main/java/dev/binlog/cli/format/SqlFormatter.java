package dev.binlog.cli.format;

import dev.binlog.RowChange;
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
        this.out = out;
        this.statements = new SqlStatements(columns);
    }

    @Override
    public void change(RowChange change) throws IOException {
        if (!started) {
            out.write(SqlStatements.SESSION_SETUP);
            started = true;
        }
        if (!inTransaction) {
            out.write(SqlStatements.BEGIN);
            inTransaction = true;
        }
        out.write(statements.replay(change));
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
