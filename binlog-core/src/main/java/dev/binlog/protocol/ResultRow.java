package dev.binlog.protocol;

import java.util.List;

/**
 * One row of a text-protocol result set: values as the server sent them ({@code null} for SQL NULL), with the
 * column labels shared by every row of the result.
 */
public record ResultRow(List<String> columns, List<String> values) {

    /** The value in column {@code index} (0-based). */
    public String get(int index) {
        return values.get(index);
    }

    /** The value of the column labelled {@code column} (case-insensitive). */
    public String get(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                return values.get(i);
            }
        }
        throw new IllegalArgumentException("no column '" + column + "' in result with columns " + columns);
    }
}
