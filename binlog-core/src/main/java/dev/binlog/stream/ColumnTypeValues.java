package dev.binlog.stream;

import java.util.ArrayList;
import java.util.List;

/** Parses the value list of an {@code enum('a','b')} or {@code set('x','y')} COLUMN_TYPE. */
final class ColumnTypeValues {

    private ColumnTypeValues() {
    }

    /** Values in declaration order; {@code ''} inside a value stands for one quote, as the server writes it. */
    static List<String> parse(String columnType) {
        int open = columnType.indexOf('(');
        int close = columnType.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not an enum/set column type: " + columnType);
        }
        List<String> values = new ArrayList<>();
        StringBuilder current = null;
        for (int i = open + 1; i < close; i++) {
            char c = columnType.charAt(i);
            if (current == null) {
                if (c == '\'') {
                    current = new StringBuilder();
                }
                continue;
            }
            if (c == '\'') {
                if (i + 1 < close && columnType.charAt(i + 1) == '\'') {
                    current.append('\'');
                    i++;
                } else {
                    values.add(current.toString());
                    current = null;
                }
            } else if (c == '\\' && i + 1 < close) {
                current.append(columnType.charAt(++i));
            } else {
                current.append(c);
            }
        }
        return values;
    }
}
