package dev.binlog.spring.test;

import dev.binlog.ChangeType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes of one synthetic transaction, in order, built in {@link TestBinlog#transaction}. Tables are
 * {@code schema.table}; rows are column name to value maps, in column order (see {@link TestBinlog}).
 */
public final class TestTransaction {

    private final List<Change> changes = new ArrayList<>();
    private String query;

    TestTransaction() {
    }

    /** Inserts {@code row} into {@code table}. */
    public TestTransaction insert(String table, Map<String, ?> row) {
        return add(ChangeType.INSERT, table, null, Objects.requireNonNull(row, "row"));
    }

    /** Updates a row of {@code table} from {@code before} to {@code after}. */
    public TestTransaction update(String table, Map<String, ?> before, Map<String, ?> after) {
        return add(ChangeType.UPDATE, table, Objects.requireNonNull(before, "before"),
                Objects.requireNonNull(after, "after"));
    }

    /** Deletes {@code row} from {@code table}. */
    public TestTransaction delete(String table, Map<String, ?> row) {
        return add(ChangeType.DELETE, table, Objects.requireNonNull(row, "row"), null);
    }

    /**
     * The SQL statement the changes added after this come from, as a server with {@code binlog_rows_query_log_events}
     * (MySQL) or {@code binlog_annotate_row_events} (MariaDB) logs it ({@code ChangeMetadata.query()});
     * {@code null}, the default, as a server that does not.
     */
    public TestTransaction query(String sql) {
        query = sql;
        return this;
    }

    private TestTransaction add(ChangeType type, String table, Map<String, ?> before, Map<String, ?> after) {
        changes.add(new Change(type, SyntheticChanges.qualified(table), copy(before), copy(after), query));
        return this;
    }

    /** A copy in the caller's order, so that a map changed after the call changes nothing. */
    private static Map<String, ?> copy(Map<String, ?> row) {
        return row == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(row));
    }

    List<Change> changes() {
        return changes;
    }

    /** One row change to send. */
    record Change(ChangeType type, String table, Map<String, ?> before, Map<String, ?> after, String query) {

        String schema() {
            return table.substring(0, table.indexOf('.'));
        }

        String tableName() {
            return table.substring(table.indexOf('.') + 1);
        }
    }
}
