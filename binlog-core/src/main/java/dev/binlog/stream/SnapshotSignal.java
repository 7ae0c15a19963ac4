package dev.binlog.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row inserted into the signal table, as the stream read it.
 *
 * @param id   the row's id
 * @param type what it asks for: {@code execute-snapshot}, {@code pause-snapshot}, {@code resume-snapshot},
 *             {@code stop-snapshot}, or one of the client's own watermarks
 * @param data the request's details: for {@code execute-snapshot} the tables, for a watermark its window's id
 */
record SnapshotSignal(String id, String type, String data) {

    static final String EXECUTE = "execute-snapshot";
    static final String PAUSE = "pause-snapshot";
    static final String RESUME = "resume-snapshot";
    static final String STOP = "stop-snapshot";

    private static final Pattern COLLECTIONS = Pattern.compile("\"data-collections\"\\s*:\\s*\\[([^\\]]*)]");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * The tables an {@code execute-snapshot} names: Debezium's {@code {"data-collections": ["shop.orders"]}}, or
     * {@code shop.orders,shop.items}; patterns as a {@link dev.binlog.TableFilter} takes them.
     */
    List<String> tables() {
        List<String> tables = new ArrayList<>();
        if (data == null || data.isBlank()) {
            return tables;
        }
        String text = data.trim();
        if (text.startsWith("{")) {
            Matcher collections = COLLECTIONS.matcher(text);
            if (collections.find()) {
                Matcher string = STRING.matcher(collections.group(1));
                while (string.find()) {
                    tables.add(string.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            return tables;
        }
        for (String table : text.split(",")) {
            if (!table.isBlank()) {
                tables.add(table.trim());
            }
        }
        return tables;
    }
}
