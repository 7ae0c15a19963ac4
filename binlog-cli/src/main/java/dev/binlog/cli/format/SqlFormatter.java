package dev.binlog.cli.format;

import dev.binlog.RowChange;
import dev.binlog.Transaction;
import java.io.IOException;
import java.io.Writer;

/**
 * One executable statement per row change that reproduces it, each with its position and time as a trailing comment;
 * the first line sets the session time zone to UTC, in which TIMESTAMP values are written.
 */
public final class SqlFormatter implements ChangeFormatter {

    private final Writer out;
    private final SqlStatements statements;
    private boolean started;

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
        out.write(statements.replay(change));
    }

    @Override
    public void commit(Transaction transaction) throws IOException {
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
