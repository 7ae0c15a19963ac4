package dev.binlog.stream;

import java.util.HexFormat;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The SELECTs that read a table in primary-key order, one chunk at a time (keyset pagination): each chunk starts after
 * the last key of the one before, written as {@code (k1 > ?) OR (k1 = ? AND k2 > ?) ...} with the key values as
 * literals the server compares under the column's own collation, so no comparison is ever made in Java.
 */
final class KeysetQueries {

    private static final Set<String> QUOTED = Set.of("date", "time", "datetime", "timestamp", "year", "uuid", "inet4",
            "inet6");
    private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint",
            "decimal", "numeric", "float", "double", "real");

    private KeysetQueries() {
    }

    /** The first chunk. */
    static String first(SnapshotTable table, int limit) {
        return select(table) + orderBy(table) + " LIMIT " + limit;
    }

    /** The chunk after the row whose raw values are {@code last}. */
    static String after(SnapshotTable table, byte[][] last, int limit) {
        return select(table) + " WHERE " + greater(table, keyOf(table, last)) + orderBy(table) + " LIMIT " + limit;
    }

    /**
     * An incremental chunk: the rows after {@code lastKey} (from the start when {@code null}) up to and including
     * {@code maxKey}, key values in key order.
     */
    static String chunk(SnapshotTable table, byte[][] lastKey, byte[][] maxKey, int limit) {
        String upTo = "NOT (" + greater(table, maxKey) + ")";
        String where = lastKey == null ? upTo : "(" + greater(table, lastKey) + ") AND " + upTo;
        return select(table) + " WHERE " + where + orderBy(table) + " LIMIT " + limit;
    }

    /** The key columns of the table's last row in key order. */
    static String maxKey(SnapshotTable table) {
        StringJoiner columns = new StringJoiner(", ", "SELECT ", " FROM ");
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
        for (int key : table.keyIndexes()) {
            columns.add(column(table, key));
            order.add(column(table, key) + " DESC");
        }
        return columns + identifier(table.schema()) + "." + identifier(table.table()) + order + " LIMIT 1";
    }

    /** The key values, in key order, of a row's raw values. */
    static byte[][] keyOf(SnapshotTable table, byte[][] row) {
        int[] keys = table.keyIndexes();
        byte[][] key = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            key[i] = row[keys[i]];
        }
        return key;
    }

    /** {@code (k1 > ?) OR (k1 = ? AND k2 > ?) ...} for key values in key order. */
    private static String greater(SnapshotTable table, byte[][] key) {
        int[] keys = table.keyIndexes();
        StringJoiner or = new StringJoiner(" OR ");
        for (int i = 0; i < keys.length; i++) {
            StringBuilder and = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                and.append(column(table, keys[j])).append(" = ").append(literal(table, j, key[j]))
                        .append(" AND ");
            }
            and.append(column(table, keys[i])).append(" > ").append(literal(table, i, key[i])).append(')');
            or.add(and);
        }
        return or.toString();
    }

    private static String select(SnapshotTable table) {
        StringJoiner columns = new StringJoiner(", ", "SELECT ", " FROM ");
        for (int i = 0; i < table.columns().size(); i++) {
            String name = column(table, i);
            if (!table.columns().get(i).dataType().equals("float")) {
                columns.add(name);
            } else {
                // FLOAT's text has six digits; as a DOUBLE it has every bit, and the cast back to float is exact
                columns.add(table.castAsDouble() ? "CAST(" + name + " AS DOUBLE)" : "(" + name + " + 0e0)");
            }
        }
        return columns + identifier(table.schema()) + "." + identifier(table.table());
    }

    private static String orderBy(SnapshotTable table) {
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
        for (int key : table.keyIndexes()) {
            order.add(column(table, key));
        }
        return order.toString();
    }

    private static String column(SnapshotTable table, int index) {
        return identifier(table.columns().get(index).name());
    }

    /** A key value as a literal of the column's kind; text in the column's character set, so its collation applies. */
    private static String literal(SnapshotTable table, int key, byte[] raw) {
        ColumnSchema column = table.columns().get(table.keyIndexes()[key]);
        String type = column.dataType();
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (NUMERIC.contains(type)) {
            return text;
        }
        if (type.equals("enum")) {
            // ENUMs sort by index; compare by index too, or the chunks would follow another order than ORDER BY
            return Integer.toString(column.enumValues().indexOf(SnapshotValues.decode(raw, column)) + 1);
        }
        if (QUOTED.contains(type)) {
            return "'" + text + "'";
        }
        String hex = "X'" + HexFormat.of().formatHex(raw) + "'";
        String charset = table.keyCharsets()[key];
        return charset == null ? hex : "_" + charset + " " + hex;
    }

    /** A name in backquotes, a backquote inside doubled. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
