package dev.binlog.bench;

/** The 50-column table of the {@code wide} workload: a PK and 49 columns cycling through seven common types. */
final class WideTable {

    private static final String[] TYPES = {"INT", "BIGINT", "SMALLINT", "VARCHAR(40)", "DECIMAL(12,2)", "DOUBLE",
        "DATE", "DATETIME(6)"};

    private WideTable() {
    }

    static String ddl() {
        return ddl("wide");
    }

    /** The same table under another name. */
    static String ddl(String table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY");
        for (int c = 1; c < 50; c++) {
            sql.append(", c").append(c).append(' ').append(TYPES[c % TYPES.length]);
        }
        return sql.append(") CHARACTER SET utf8mb4").toString();
    }

    /** The 49 value expressions of one row, in terms of the loop's {@code i} and the sequence's {@code seq}. */
    static String values() {
        StringBuilder sql = new StringBuilder();
        for (int c = 1; c < 50; c++) {
            if (c > 1) {
                sql.append(", ");
            }
            sql.append(switch (TYPES[c % TYPES.length]) {
                case "INT" -> "i * seq + " + c;
                case "BIGINT" -> "(i * 100 + seq) * 1000003 + " + c;
                case "SMALLINT" -> "(seq + " + c + ") % 30000";
                case "VARCHAR(40)" -> "IF(seq % 10 = 0, NULL, CONCAT('value ', seq, '-', " + c + ", ' ä'))";
                case "DECIMAL(12,2)" -> "(i * 100 + seq) * 0.37 + " + c;
                case "DOUBLE" -> "seq / 7 + " + c;
                case "DATE" -> "DATE'2000-01-01' + INTERVAL (i + seq + " + c + ") DAY";
                default -> "TIMESTAMP'2020-06-01 12:00:00.123456' + INTERVAL (i * 100 + seq) SECOND";
            });
        }
        return sql.toString();
    }
}
