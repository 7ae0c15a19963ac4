package dev.binlog.kafka;

import dev.binlog.ConfigurationException;
import dev.binlog.Row;
import dev.binlog.RowChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key columns of each table: its primary key, or the columns configured for it (for tables without one, or to
 * override it). A change of a table with neither is refused: without a key, Kafka would spread one row's changes over
 * partitions and lose their order.
 */
final class RecordKeys {

    private final Map<String, List<String>> configured;

    RecordKeys(Map<String, List<String>> configured) {
        this.configured = new LinkedHashMap<>();
        configured.forEach((table, columns) -> this.configured.put(table.toLowerCase(Locale.ROOT), List.copyOf(columns)));
    }

    boolean configured(String qualifiedTable) {
        return configured.containsKey(qualifiedTable.toLowerCase(Locale.ROOT));
    }

    /** Key column names to values of one image of the change ({@code before} or {@code after}). */
    Map<String, Object> key(RowChange change, Row image) {
        List<String> columns = configured.get(change.qualifiedTable().toLowerCase(Locale.ROOT));
        if (columns == null) {
            if (image == change.row() && !change.primaryKey().isEmpty()) {
                return change.primaryKey();
            }
            if (change.primaryKey().isEmpty()) {
                throw new ConfigurationException("Table " + change.qualifiedTable() + " has no primary key, so its "
                        + "changes have no Kafka key (at " + change.metadata().binlogFile() + ":"
                        + change.metadata().position() + "): configure key columns for it (binlog.kafka.key-columns."
                        + change.qualifiedTable() + "=col1,col2, or KafkaSink.Builder.keyColumns) or leave the table"
                        + " out of the filter");
            }
            columns = List.copyOf(change.primaryKey().keySet());
        }
        Map<String, Object> key = new LinkedHashMap<>();
        for (String column : columns) {
            if (!image.has(column)) {
                throw new ConfigurationException("Key column " + column + " is not a column of "
                        + change.qualifiedTable() + " (at " + change.metadata().binlogFile() + ":"
                        + change.metadata().position() + "), or the row image lacks it (binlog_row_image=FULL "
                        + "keeps every column)");
            }
            key.put(column, image.get(column));
        }
        return key;
    }

    /** Whether an UPDATE changed the key: it is then published as a delete of the old key and a create of the new. */
    boolean keyChanged(RowChange change) {
        if (change.before() == null || change.after() == null || change.changedColumns().isEmpty()) {
            return false;
        }
        List<String> columns = configured.get(change.qualifiedTable().toLowerCase(Locale.ROOT));
        for (String column : columns != null ? columns : change.primaryKey().keySet()) {
            if (change.changedColumns().contains(column)) {
                return true;
            }
        }
        return false;
    }
}
