package dev.binlog.cli.format;

import dev.binlog.RowChange;
import dev.binlog.Transaction;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that undo the selected changes, last change first: a DELETE for an insert, an INSERT for a delete,
 * an UPDATE back to the before image for an update.
 *
 * <p>Undoing in reverse order means nothing can be written before the stream ends, so every undo statement is held in
 * memory until {@link #finish()}: about the size of the statements themselves (a few hundred bytes per row for typical
 * tables). Narrow the selection (tables, types, positions, times) to bound it.
 */
public final class FlashbackFormatter implements ChangeFormatter {

    private final Writer out;
    private final SqlStatements statements;
    private final List<String> undo = new ArrayList<>();

    public FlashbackFormatter(Writer out, ColumnInfoSource columns) {
        this.out = out;
        this.statements = new SqlStatements(columns);
    }

    @Override
    public void change(RowChange change) {
        undo.add(statements.undo(change));
    }

    @Override
    public void commit(Transaction transaction) {
        // nothing to write yet: the last transaction's undo comes first
    }

    @Override
    public void finish() throws IOException {
        if (!undo.isEmpty()) {
            out.write(SqlStatements.SESSION_SETUP);
        }
        for (int i = undo.size() - 1; i >= 0; i--) {
            out.write(undo.get(i));
        }
        undo.clear();
        out.flush();
    }
}
