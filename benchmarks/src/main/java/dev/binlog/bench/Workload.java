package dev.binlog.bench;

import java.util.List;

/**
 * One kind of binlog traffic the corpus holds, as the SQL that produces it. Each workload's events end up alone in
 * one closed binlog file, {@code <name>.binlog}.
 *
 * @param name             file and JMH parameter name
 * @param description      what the rows look like, for the report
 * @param setup            statements run before the workload's binlog file starts (tables, preloaded rows)
 * @param body             the statements whose events form the file
 * @param connectorJDecodes whether mysql-binlog-connector-java can read the file's rows at all
 */
public record Workload(String name, String description, List<String> setup, List<String> body,
                       boolean connectorJDecodes) {

    /** The corpus, sized at about 14 MB per file (about 110 MB in all). */
    public static List<Workload> all() {
        return List.of(
                new Workload("narrow_1", "BIGINT PK + 3 INT, 1 row per transaction",
                        List.of(narrowTable("narrow_1")),
                        List.of(loop(40_000, "INSERT INTO narrow_1 VALUES (i, i, i * 2, i * 3)")),
                        true),
                new Workload("narrow_batch", "BIGINT PK + 3 INT, 1-50 rows per transaction",
                        List.of(narrowTable("narrow_batch")),
                        List.of("SET @base = 0",
                                loop(17_000, "SET @n = 1 + FLOOR(RAND(i) * 50); "
                                        + "INSERT INTO narrow_batch SELECT @base + seq, seq, seq * 2, seq * 3"
                                        + " FROM seq_1_to_50 WHERE seq <= @n; SET @base = @base + @n")),
                        true),
                new Workload("wide", "50 columns: INT, BIGINT, SMALLINT, VARCHAR, DECIMAL, DOUBLE, DATE, DATETIME;"
                        + " 100 rows per transaction",
                        List.of(WideTable.ddl()),
                        List.of(loop(380, "INSERT INTO wide SELECT (i - 1) * 100 + seq, " + WideTable.values()
                                + " FROM seq_1_to_100")),
                        true),
                new Workload("text_utf8mb4", "utf8mb4 VARCHAR and TEXT with non-ASCII text; 50 rows per transaction",
                        List.of(textTable("text_utf8mb4")),
                        List.of(loop(700, textInsert("text_utf8mb4"))),
                        true),
                new Workload("temporal_decimal", "DATETIME(6), TIMESTAMP(6) and DECIMAL columns; 100 rows per"
                        + " transaction",
                        List.of("CREATE TABLE temporal_decimal (id BIGINT PRIMARY KEY, dt1 DATETIME(6),"
                                + " dt2 DATETIME(6), ts1 TIMESTAMP(6) NULL, ts2 TIMESTAMP(6) NULL, d1 DECIMAL(18,6),"
                                + " d2 DECIMAL(10,2), d3 DECIMAL(30,10), d4 DECIMAL(5,0))"),
                        List.of(loop(1_800, "INSERT INTO temporal_decimal SELECT (i - 1) * 100 + seq,"
                                + " TIMESTAMP'2020-01-01 00:00:00' + INTERVAL ((i * 100 + seq) * 7919) SECOND"
                                + " + INTERVAL seq * 13 MICROSECOND,"
                                + " TIMESTAMP'1999-12-31 23:59:59.999999' - INTERVAL (i * 100 + seq) MINUTE,"
                                + " FROM_UNIXTIME(1600000000 + i * 100 + seq + seq / 1000000),"
                                + " FROM_UNIXTIME(1700000000 - i * 100 - seq),"
                                + " (i * 100 + seq) * 1.000001 - 5000, CAST(seq AS SIGNED) * 3.25 - 100,"
                                + " (i * 100 + seq) * 12345.6789012345, CAST(seq AS SIGNED) - 50"
                                + " FROM seq_1_to_100")),
                        true),
                new Workload("json", "JSON documents (MariaDB stores JSON as LONGTEXT); 50 rows per transaction",
                        List.of("CREATE TABLE json (id BIGINT PRIMARY KEY, doc JSON)"),
                        List.of(loop(1_050, "INSERT INTO json SELECT (i - 1) * 50 + seq, JSON_OBJECT('id', (i - 1) * 50"
                                + " + seq, 'name', CONCAT('customer ', seq), 'tags', JSON_ARRAY('a', 'b', seq),"
                                + " 'address', JSON_OBJECT('street', 'Hauptstraße 5', 'city', 'Zürich', 'zip', 8000"
                                + " + seq), 'orders', JSON_ARRAY(JSON_OBJECT('sku', 'X-1', 'qty', 2, 'price', 9.99),"
                                + " JSON_OBJECT('sku', 'Y-2', 'qty', seq, 'price', 19.5)), 'active', seq % 2 = 0)"
                                + " FROM seq_1_to_50")),
                        true),
                new Workload("update", "UPDATE of BIGINT PK + 3 INT rows, before and after images; 100 rows per"
                        + " transaction",
                        List.of(narrowTable("updates"),
                                "INSERT INTO updates SELECT seq, seq, seq, seq FROM seq_1_to_100000"),
                        List.of(loop(3_300, "UPDATE updates SET a = a + 1, b = b + i WHERE id BETWEEN"
                                + " ((i - 1) % 1000) * 100 + 1 AND ((i - 1) % 1000) * 100 + 100")),
                        true),
                new Workload("compressed", "as text_utf8mb4, with log_bin_compress=ON (MariaDB compressed rows"
                        + " events)",
                        List.of(textTable("compressed"), "SET GLOBAL log_bin_compress = ON"),
                        List.of(loop(1_500, textInsert("compressed")), "SET GLOBAL log_bin_compress = OFF"),
                        false));
    }

    public static Workload byName(String name) {
        return all().stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no workload " + name));
    }

    private static String narrowTable(String name) {
        return "CREATE TABLE " + name + " (id BIGINT PRIMARY KEY, a INT, b INT, c INT)";
    }

    private static String textTable(String name) {
        return "CREATE TABLE " + name + " (id BIGINT PRIMARY KEY, title VARCHAR(200), body TEXT, tag VARCHAR(40))"
                + " CHARACTER SET utf8mb4";
    }

    private static String textInsert(String table) {
        return "INSERT INTO " + table + " SELECT (i - 1) * 50 + seq,"
                + " CONCAT('Grüße aus Köln – 東京の天気 ', seq, ' 😀'),"
                + " REPEAT(CONCAT('Lorem ipsum dolor sit amet, ça va? Ελληνικά κείμενα ', i, ' '), 1 + seq % 8),"
                + " ELT(1 + seq % 4, 'news', 'résumé', '日本', 'emoji 🎉')"
                + " FROM seq_1_to_50";
    }

    /** A MariaDB compound statement running {@code statements} for i = 1..count, each in its own transaction. */
    private static String loop(int count, String statements) {
        return "BEGIN NOT ATOMIC FOR i IN 1.." + count + " DO " + statements + "; END FOR; END";
    }
}
