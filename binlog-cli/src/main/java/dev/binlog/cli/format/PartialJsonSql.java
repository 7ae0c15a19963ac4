package dev.binlog.cli.format;

import dev.binlog.value.PartialJsonUpdate;

/**
 * A partial JSON update (MySQL's {@code binlog_row_value_options=PARTIAL_JSON} when the previous document is not
 * logged) as the JSON functions that make the same change to the column:
 * {@code JSON_REPLACE(`doc`, '$.age', CAST('26' AS JSON))}, nested in the order the server applied the changes.
 * An insert into an array cell shifts the later cells, as {@code JSON_ARRAY_INSERT} does; elsewhere an insert adds a
 * member that was absent, as {@code JSON_INSERT} does.
 */
final class PartialJsonSql {

    private PartialJsonSql() {
    }

    static String expression(String column, PartialJsonUpdate update) {
        String expression = column;
        for (PartialJsonUpdate.Change change : update.changes()) {
            String function = switch (change.operation()) {
                case REPLACE -> "JSON_REPLACE";
                case INSERT -> change.path().endsWith("]") ? "JSON_ARRAY_INSERT" : "JSON_INSERT";
                case REMOVE -> "JSON_REMOVE";
            };
            StringBuilder call = new StringBuilder(function).append('(').append(expression).append(", ")
                    .append(SqlQuoting.string(change.path()));
            if (change.valueJson() != null) {
                call.append(", CAST(").append(SqlQuoting.string(change.valueJson())).append(" AS JSON)");
            }
            expression = call.append(')').toString();
        }
        return expression;
    }
}
