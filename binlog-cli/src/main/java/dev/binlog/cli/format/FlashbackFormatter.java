package dev.binlog.cli.format;

import dev.binlog.RowChange;
import dev.binlog.Transaction;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The statements that undo the selected changes, last change first: a DELETE for an insert, an INSERT for a delete,
 * an UPDATE back to the before image for an update; each undone transaction between {@code BEGIN;} and
 * {@code COMMIT;}. DDL is not undone (it is left out). A change that cannot be undone faithfully (a MINIMAL row image)
 * ends the run with a {@link CannotRenderException} before anything is written.
 *
 * <p>Undoing in reverse order means nothing can be written before the stream ends, so the undo statements are held
 * back until {@link #finish()}. Up to {@code memoryLimit} characters are kept in memory; beyond that each full chunk
 * is written, already reversed, to a temporary file (deleted at the end), and the chunks are replayed last first. Disk
 * use is then about the size of the output.
 */
public final class FlashbackFormatter implements ChangeFormatter {

    /** Default characters held in memory before spilling to a temporary file (about 128 MB of heap). */
    public static final long DEFAULT_MEMORY_LIMIT = 64L * 1024 * 1024;

    private final Writer out;
    private final SqlStatements statements;
    private final long memoryLimit;
    private final List<String> chunk = new ArrayList<>();
    private final Deque<Path> spilled = new ArrayDeque<>();
    private long chunkChars;
    private boolean inTransaction;
    private boolean any;

    /** A formatter that spills beyond {@link #DEFAULT_MEMORY_LIMIT}. */
    public FlashbackFormatter(Writer out, ColumnInfoSource columns) {
        this(out, columns, false, DEFAULT_MEMORY_LIMIT);
    }

    /**
     * @param positionalColumns write {@code `@1`}... for unnamed columns instead of refusing the change
     * @param memoryLimit       characters of statements to hold in memory before spilling a chunk to a temporary file
     */
    public FlashbackFormatter(Writer out, ColumnInfoSource columns, boolean positionalColumns, long memoryLimit) {
        this.out = out;
        this.statements = new SqlStatements(columns, positionalColumns);
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void change(RowChange change) throws IOException {
        String undo = statements.undo(change);
        if (!inTransaction) {
            // reversed, the transaction's COMMIT comes last
            add(SqlStatements.COMMIT);
            inTransaction = true;
        }
        add(undo);
        any = true;
    }

    @Override
    public void commit(Transaction transaction) throws IOException {
        closeTransaction();
    }

    @Override
    public void finish() throws IOException {
        closeTransaction();
        try {
            if (any) {
                out.write(SqlStatements.SESSION_SETUP);
            }
            for (int i = chunk.size() - 1; i >= 0; i--) {
                out.write(chunk.get(i));
            }
            chunk.clear();
            while (!spilled.isEmpty()) {
                Path file = spilled.pop();
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    reader.transferTo(out);
                }
                Files.delete(file);
            }
            out.flush();
        } finally {
            deleteSpilled();
        }
    }

    private void closeTransaction() throws IOException {
        if (inTransaction) {
            add(SqlStatements.BEGIN);
            inTransaction = false;
        }
    }

    private void add(String statement) throws IOException {
        chunk.add(statement);
        chunkChars += statement.length();
        if (chunkChars >= memoryLimit) {
            spill();
        }
    }

    private void spill() throws IOException {
        Path file = Files.createTempFile("binlog-flashback-", ".sql");
        file.toFile().deleteOnExit();
        try (Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (int i = chunk.size() - 1; i >= 0; i--) {
                writer.write(chunk.get(i));
            }
        }
        spilled.push(file);
        chunk.clear();
        chunkChars = 0;
    }

    private void deleteSpilled() {
        while (!spilled.isEmpty()) {
            try {
                Files.deleteIfExists(spilled.pop());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
