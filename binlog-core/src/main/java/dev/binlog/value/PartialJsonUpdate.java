package dev.binlog.value;

import java.util.List;

/**
 * The value of a JSON column after a partial update whose previous value is not in the binary log (with
 * {@code binlog_row_image=MINIMAL} the before image holds only the key): the logged changes themselves, since the
 * full document cannot be known without inventing it.
 *
 * @param changes the changes in the order the server applied them
 */
public record PartialJsonUpdate(List<Change> changes) {

    /**
     * One logged change.
     *
     * @param operation REPLACE, INSERT or REMOVE
     * @param path      JSON path, e.g. {@code $.a[1]}
     * @param valueJson the new value as JSON text, or {@code null} for REMOVE
     */
    public record Change(JsonPatch.Operation operation, String path, String valueJson) {
    }

    public PartialJsonUpdate {
        changes = List.copyOf(changes);
    }

    /** The changes as MySQL JSON functions would write them, e.g. {@code JSON_REPLACE(doc, '$.a', 1)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("doc");
        for (Change change : changes) {
            String function = switch (change.operation()) {
                case REPLACE -> "JSON_REPLACE";
                case INSERT -> "JSON_INSERT";
                case REMOVE -> "JSON_REMOVE";
            };
            s.insert(0, function + "(").append(", '").append(change.path().replace("'", "''")).append('\'');
            if (change.valueJson() != null) {
                s.append(", CAST('").append(change.valueJson().replace("'", "''")).append("' AS JSON)");
            }
            s.append(')');
        }
        return s.toString();
    }
}
