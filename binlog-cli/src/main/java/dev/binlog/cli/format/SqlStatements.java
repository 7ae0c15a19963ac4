package dev.binlog.cli.format;

import dev.binlog.ChangeMetadata;
import dev.binlog.Column;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.value.PartialJsonUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the statement that replays a row change, and the one that undoes it, or refuses with a
 * {@link CannotRenderException} when the binlog does not hold what the statement needs.
 *
 * <p>A replayed UPDATE or DELETE finds the row by its primary key, or by every column of the image plus
 * {@code LIMIT 1} when the table has none. An undo statement finds the row by its whole image as the change left it
 * ({@code <=>}, so NULLs match, and {@code LIMIT 1}): if a later change touched the row, the undo matches nothing
 * instead of overwriting it. Each statement ends with a comment naming the event's position and time.
 */
public final class SqlStatements {

    /** Makes the session read TIMESTAMP literals as UTC, which is how {@link SqlLiteral} writes them. */
    public static final String SESSION_SETUP = "SET time_zone = '+00:00';\n";

    /** Starts a transaction. */
    public static final String BEGIN = "BEGIN;\n";

    /** Ends a transaction. */
    public static final String COMMIT = "COMMIT;\n";

    private final ColumnInfoSource columns;
    private final boolean positionalColumns;

    /** Statements that refuse changes whose column names are not known. */
    public SqlStatements(ColumnInfoSource columns) {
        this(columns, false);
    }

    /**
     * @param columns           column precision and JSON-ness, see {@link ColumnInfoSource}
     * @param positionalColumns write {@code `@1`}, {@code `@2`}... when the binlog does not name the columns, instead
     *                          of refusing
     */
    public SqlStatements(ColumnInfoSource columns, boolean positionalColumns) {
        this.columns = columns;
        this.positionalColumns = positionalColumns;
    }

    /** The statement that applies {@code change}. */
    public String replay(RowChange change) {
        requireNames(change, "sql");
        String statement = switch (change.type()) {
            case INSERT, READ -> insert(change, change.after());
            case UPDATE -> replayUpdate(change);
            case DELETE -> "DELETE FROM " + table(change) + keyWhere(change, change.before());
        };
        return statement + comment(change.metadata());
    }

    /**
     * The statement that applies {@code change} to a copy an incremental snapshot is still filling: a copied row as an
     * upsert (the stream may have inserted it first); an update as an upsert of the new row, after a delete of the old
     * one when the key changed (the copy may not have the old row yet, and the new key may be past the copy's range),
     * or as {@link #replay} when the image lacks columns. Other changes as {@link #replay}.
     */
    public String replayOverCopy(RowChange change) {
        requireNames(change, "sql");
        Row after = change.after();
        return switch (change.type()) {
            case READ -> upsert(change, after) + comment(change.metadata());
            case UPDATE -> absent(after).isEmpty() && !partial(after) ? upsertUpdate(change) : replay(change);
            default -> replay(change);
        };
    }

    private String upsertUpdate(RowChange change) {
        String upsert = upsert(change, change.after()) + comment(change.metadata());
        if (keyKept(change)) {
            return upsert;
        }
        return "DELETE FROM " + table(change) + keyWhere(change, change.before()) + comment(change.metadata()) + upsert;
    }

    /** Whether the update left the primary key as it was; {@code false} for a table without one. */
    private static boolean keyKept(RowChange change) {
        Row before = change.before();
        if (change.primaryKey().isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Object> key : change.primaryKey().entrySet()) {
            int index = before.names().indexOf(key.getKey());
            if (index < 0 || !before.isPresent(index) || !Objects.deepEquals(before.get(index), key.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean partial(Row row) {
        for (int i = 0; i < row.size(); i++) {
            if (row.get(i) instanceof PartialJsonUpdate) {
                return true;
            }
        }
        return false;
    }

    /** The statement that undoes {@code change}. */
    public String undo(RowChange change) {
        requireNames(change, "flashback");
        String statement = switch (change.type()) {
            case INSERT -> "DELETE FROM " + table(change) + imageWhere(change, change.after(), "insert");
            case UPDATE -> undoUpdate(change);
            case READ -> throw refusal(change, "undo a snapshot row", "a row a snapshot copied was not changed by"
                    + " any transaction, so there is nothing to undo");
            case DELETE -> {
                List<String> missing = absent(change.before());
                if (!missing.isEmpty()) {
                    throw refusal(change, "undo the delete", "the binlog holds only some columns of the deleted row"
                            + " (binlog_row_image=MINIMAL or NOBLOB; missing " + String.join(", ", missing)
                            + "); flashback needs binlog_row_image=FULL");
                }
                yield insert(change, change.before());
            }
        };
        return statement + comment(change.metadata());
    }

    private static final Pattern CREATE_DATABASE = Pattern.compile("(?i)(?:/\\*.*?\\*/\\s*)*create\\s+(?:database|schema)\\b");

    /** A DDL statement, after a {@code USE} of its session's database (its own names may be unqualified). */
    public static String ddl(SchemaChange change) {
        String statement = change.statement().strip();
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).stripTrailing();
        }
        StringBuilder text = new StringBuilder(statement.length() + 64);
        // a CREATE DATABASE is logged with the new database as its session's: a USE of it would fail
        if (change.schema() != null && !change.schema().isEmpty() && !CREATE_DATABASE.matcher(statement).lookingAt()) {
            text.append("USE ").append(SqlQuoting.identifier(change.schema())).append(';');
        }
        text.append(" -- ").append(change.position().file()).append(':').append(change.position().position());
        if (change.gtid() != null) {
            text.append(" gtid ").append(change.gtid());
        }
        return text.append('\n').append(statement).append(";\n").toString().stripLeading();
    }

    private String insert(RowChange change, Row row) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            if (row.isPresent(i)) {
                names.add(SqlQuoting.identifier(row.names().get(i)));
                values.add(literal(change, row, i));
            }
        }
        return "INSERT INTO " + table(change) + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", values) + ");";
    }

    private String upsert(RowChange change, Row row) {
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            if (row.isPresent(i)) {
                String column = SqlQuoting.identifier(row.names().get(i));
                assignments.add(column + " = VALUES(" + column + ")");
            }
        }
        String insert = insert(change, row);
        return insert.substring(0, insert.length() - 1) + " ON DUPLICATE KEY UPDATE " + String.join(", ", assignments)
                + ";";
    }

    private String replayUpdate(RowChange change) {
        Row after = change.after();
        List<String> assignments = new ArrayList<>();
        Set<String> changed = ChangedColumns.of(change);
        // an update that changed nothing still needs a SET: it sets every column to what it is
        boolean onlyChanged = !changed.isEmpty();
        for (int i = 0; i < after.size(); i++) {
            String name = after.names().get(i);
            if (!after.isPresent(i) || onlyChanged && !changed.contains(name)) {
                continue;
            }
            String column = SqlQuoting.identifier(name);
            String value = after.get(i) instanceof PartialJsonUpdate partial
                    ? PartialJsonSql.expression(column, partial)
                    : literal(change, after, i);
            assignments.add(column + " = " + value);
        }
        if (assignments.isEmpty()) {
            throw refusal(change, "replay the update", "the binlog holds no column of the new row");
        }
        return "UPDATE " + table(change) + " SET " + String.join(", ", assignments) + keyWhere(change,
                change.before());
    }

    private String undoUpdate(RowChange change) {
        Row before = change.before();
        Row after = change.after();
        Set<String> changed = ChangedColumns.of(change);
        List<String> assignments = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            String name = after.names().get(i);
            if (!after.isPresent(i) || !changed.isEmpty() && !changed.contains(name)) {
                continue;
            }
            if (!before.isPresent(i)) {
                missing.add(SqlQuoting.identifier(name));
            } else {
                assignments.add(SqlQuoting.identifier(name) + " = " + literal(change, before, i));
            }
        }
        if (!missing.isEmpty()) {
            throw refusal(change, "undo the update", "the binlog does not hold the previous value of "
                    + String.join(", ", missing) + " (binlog_row_image=MINIMAL or NOBLOB); flashback needs"
                    + " binlog_row_image=FULL");
        }
        if (assignments.isEmpty()) {
            // nothing changed: undoing it is setting the row to what it is
            for (int i = 0; i < before.size(); i++) {
                if (before.isPresent(i)) {
                    assignments.add(SqlQuoting.identifier(before.names().get(i)) + " = " + literal(change, before,
                            i));
                }
            }
        }
        return "UPDATE " + table(change) + " SET " + String.join(", ", assignments)
                + imageWhere(change, RowAsLeft.of(change), "update");
    }

    /** {@code WHERE} by primary key when every key column is in the image, else by all columns with LIMIT 1. */
    private String keyWhere(RowChange change, Row row) {
        List<Integer> key = new ArrayList<>();
        for (String name : change.primaryKey().keySet()) {
            int index = row.names().indexOf(name);
            if (index < 0 || !row.isPresent(index)) {
                key.clear();
                break;
            }
            key.add(index);
        }
        boolean byKey = !key.isEmpty();
        if (!byKey) {
            for (int i = 0; i < row.size(); i++) {
                if (row.isPresent(i)) {
                    key.add(i);
                }
            }
        }
        List<String> conditions = new ArrayList<>();
        for (int index : key) {
            String column = SqlQuoting.identifier(row.names().get(index));
            Object value = row.get(index);
            conditions.add(value == null ? column + " IS NULL" : column + " = " + comparable(change, row, index));
        }
        return " WHERE " + String.join(" AND ", conditions) + (byKey ? ";" : " LIMIT 1;");
    }

    /**
     * {@code WHERE} over every column the image holds, NULL-safe, {@code LIMIT 1}. An image that lacks columns only
     * finds the right row when it holds the row's key: the primary key, or the columns the server logged as the key
     * in a MINIMAL before image.
     */
    private String imageWhere(RowChange change, Row row, String what) {
        if (!absent(row).isEmpty() && !holdsKey(change, row)) {
            throw refusal(change, "undo the " + what, "the binlog holds only some columns of the row and no key"
                    + " to find it by (binlog_row_image=MINIMAL or NOBLOB); flashback needs binlog_row_image=FULL");
        }
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            if (row.isPresent(i)) {
                conditions.add(SqlQuoting.identifier(row.names().get(i)) + " <=> " + comparable(change, row, i));
            }
        }
        return " WHERE " + String.join(" AND ", conditions) + " LIMIT 1;";
    }

    private static boolean holdsKey(RowChange change, Row row) {
        List<Integer> key = new ArrayList<>();
        if (!change.primaryKey().isEmpty()) {
            for (String name : change.primaryKey().keySet()) {
                key.add(row.names().indexOf(name));
            }
        } else if (change.before() != null && !absent(change.before()).isEmpty()) {
            for (int i = 0; i < change.before().size(); i++) {
                if (change.before().isPresent(i)) {
                    key.add(i);
                }
            }
        }
        return !key.isEmpty() && key.stream().allMatch(i -> i >= 0 && row.isPresent(i));
    }

    private static List<String> absent(Row row) {
        List<String> absent = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            if (!row.isPresent(i)) {
                absent.add(SqlQuoting.identifier(row.names().get(i)));
            }
        }
        return absent;
    }

    private void requireNames(RowChange change, String format) {
        if (positionalColumns) {
            return;
        }
        Row row = change.row();
        for (int i = 0; i < row.size(); i++) {
            Column column = row.column(i);
            if (row.names().get(i).equals("@" + (i + 1)) && (column == null || column.name() == null)) {
                throw new CannotRenderException("cannot write " + format + " for " + change.qualifiedTable()
                        + " at " + position(change) + ": the binlog does not name the table's columns"
                        + " (binlog_row_metadata=MINIMAL); give --user and the other connection options to read the"
                        + " names from the server, or --positional-columns to write them as `@1`, `@2`...");
            }
        }
    }

    private String literal(RowChange change, Row row, int index) {
        Object value = row.get(index);
        if (value instanceof PartialJsonUpdate) {
            throw refusal(change, "write the row", "the new value of " + SqlQuoting.identifier(row.names()
                    .get(index)) + " is a partial JSON update and the binlog does not hold the document it changed");
        }
        return SqlLiteral.of(value, columns.column(change, index));
    }

    private String comparable(RowChange change, Row row, int index) {
        Object value = row.get(index);
        if (value instanceof PartialJsonUpdate) {
            throw refusal(change, "find the row", "the new value of " + SqlQuoting.identifier(row.names()
                    .get(index)) + " is a partial JSON update and the binlog does not hold the document it changed");
        }
        return SqlLiteral.comparable(value, columns.column(change, index));
    }

    private static CannotRenderException refusal(RowChange change, String action, String reason) {
        return new CannotRenderException("cannot " + action + " of " + change.qualifiedTable() + " at "
                + position(change) + ": " + reason);
    }

    private static String position(RowChange change) {
        return change.metadata().binlogFile() + ":" + change.metadata().position();
    }

    private static String table(RowChange change) {
        return SqlQuoting.table(change.schema(), change.table());
    }

    private static String comment(ChangeMetadata meta) {
        StringBuilder text = new StringBuilder(" -- ").append(meta.binlogFile()).append(':').append(meta.position());
        if (meta.timestamp() != null) {
            text.append(' ').append(meta.timestamp());
        }
        if (meta.gtid() != null) {
            text.append(" gtid ").append(meta.gtid());
        }
        return text.append('\n').toString();
    }
}
