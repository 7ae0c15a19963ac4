package dev.binlog.cli.format;

import dev.binlog.ChangeMetadata;
import dev.binlog.Row;
import dev.binlog.RowChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the statement that replays a row change, and the one that undoes it. UPDATE and DELETE find the row by its
 * primary key, or by every column of the image plus {@code LIMIT 1} when the table has none. Each statement ends with
 * a comment naming the event's position and time.
 */
public final class SqlStatements {

    /** Makes the session read TIMESTAMP literals as UTC, which is how {@link SqlLiteral} writes them. */
    public static final String SESSION_SETUP = "SET time_zone = '+00:00';\n";

    /** Starts a transaction. */
    public static final String BEGIN = "BEGIN;\n";

    /** Ends a transaction. */
    public static final String COMMIT = "COMMIT;\n";

    private final ColumnInfoSource columns;

    /** @param columns column precision and JSON-ness, see {@link ColumnInfoSource} */
    public SqlStatements(ColumnInfoSource columns) {
        this.columns = columns;
    }

    /** The statement that applies {@code change}. */
    public String replay(RowChange change) {
        String statement = switch (change.type()) {
            case INSERT -> insert(change, change.after());
            case UPDATE -> update(change, change.after(), change.before());
            case DELETE -> delete(change, change.before());
        };
        return statement + comment(change.metadata());
    }

    /** The statement that undoes {@code change}. */
    public String undo(RowChange change) {
        String statement = switch (change.type()) {
            case INSERT -> delete(change, change.after());
            case UPDATE -> update(change, change.before(), change.after());
            case DELETE -> insert(change, change.before());
        };
        return statement + comment(change.metadata());
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

    private String update(RowChange change, Row target, Row current) {
        List<String> assignments = new ArrayList<>();
        Set<String> changed = ChangedColumns.of(change);
        // an update that changed nothing still needs a SET: it sets every column to what it is
        boolean onlyChanged = !changed.isEmpty();
        for (int i = 0; i < target.size(); i++) {
            if (target.isPresent(i) && (!onlyChanged || changed.contains(target.names().get(i)))) {
                assignments.add(SqlQuoting.identifier(target.names().get(i)) + " = " + literal(change, target, i));
            }
        }
        return "UPDATE " + table(change) + " SET " + String.join(", ", assignments) + where(change, current);
    }

    private String delete(RowChange change, Row row) {
        return "DELETE FROM " + table(change) + where(change, row);
    }

    /** {@code WHERE} by primary key when every key column is in the image, else by all columns with LIMIT 1. */
    private String where(RowChange change, Row row) {
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
            conditions.add(value == null ? column + " IS NULL" : column + " = " + literal(change, row, index));
        }
        return " WHERE " + String.join(" AND ", conditions) + (byKey ? ";" : " LIMIT 1;");
    }

    private String literal(RowChange change, Row row, int index) {
        return SqlLiteral.of(row.get(index), columns.column(change, index));
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
