package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI against a real server: a script of inserts, updates and deletes over several column types, then
 * {@code tail --stop-at-end} as JSON (replayed in memory it gives the table's final state), as SQL (applied to a
 * copy it reproduces the table), and as flashback SQL (applied to the table it restores the state before the script).
 */
class CliRoundTripLiveTest {

    private static final String COLUMNS = "(id INT PRIMARY KEY, name VARCHAR(50), price DECIMAL(8,2),"
            + " qty INT UNSIGNED, created DATETIME(3), note TEXT NULL, flags SET('a','b'), kind ENUM('x','y'),"
            + " data VARBINARY(20), ratio DOUBLE) CHARACTER SET utf8mb4";

    private static final String[] SCRIPT = {
        "INSERT INTO items VALUES (3, 'tab\\tquote''s \\\\ back', 0.50, 4294967295, '2024-01-02 03:04:05.678',"
            + " NULL, 'a,b', 'x', X'00FF27', 0.1)",
        "INSERT INTO items VALUES (4, 'emoji 😀', -7.25, 0, '1999-12-31 23:59:59.000', 'n', '', NULL, NULL, -1e300)",
        "UPDATE items SET price = price + 1, note = 'changed' WHERE id = 1",
        "UPDATE items SET name = 'renamed' WHERE id = 3",
        "DELETE FROM items WHERE id = 2",
        "UPDATE items SET id = 20 WHERE id = 4"};

    @LiveTest
    void jsonSqlAndFlashbackOutputsAgreeWithTheDatabase(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS replay", "DROP TABLE IF EXISTS snapshot",
                "CREATE TABLE items " + COLUMNS,
                "INSERT INTO items VALUES (1, 'one', 10.00, 5, '2020-05-05 05:05:05.500', 'first', 'a', 'y',"
                        + " X'01', 2.5), (2, 'two', 20.00, 6, '2021-06-06 06:06:06.000', NULL, 'b', 'x', NULL, 0)",
                "CREATE TABLE replay LIKE items", "INSERT INTO replay SELECT * FROM items",
                "CREATE TABLE snapshot LIKE items", "INSERT INTO snapshot SELECT * FROM items");
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        String start = status.get("File") + ":" + status.get("Position");
        live.execute(SCRIPT);

        // JSON: replaying the lines in memory gives the table's final state.
        List<String> json = tail(live, start, "json");
        assertThat(json).hasSize(6); // 2 inserts, 3 updates (one changes the key), 1 delete
        // Decimals as BigDecimal, so the printed digits (scale included) can be checked.
        ObjectMapper mapper = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        Map<Integer, JsonNode> state = new LinkedHashMap<>();
        state.put(1, null);
        state.put(2, null);
        for (String line : json) {
            JsonNode change = mapper.readTree(line);
            assertThat(change.get("database").asText()).isEqualTo(live.database());
            assertThat(change.get("table").asText()).isEqualTo("items");
            JsonNode data = change.get("data");
            switch (change.get("type").asText()) {
                case "insert" -> state.put(data.get("id").asInt(), data);
                case "update" -> {
                    JsonNode old = change.get("old");
                    state.remove(old.has("id") ? old.get("id").asInt() : data.get("id").asInt());
                    state.put(data.get("id").asInt(), data);
                }
                case "delete" -> state.remove(data.get("id").asInt());
                default -> throw new AssertionError(line);
            }
        }
        assertThat(state.keySet()).containsExactlyInAnyOrder(1, 3, 20);
        JsonNode three = state.get(3);
        assertThat(three.get("name").asText()).isEqualTo("renamed");
        assertThat(three.get("price").decimalValue()).isEqualTo(new BigDecimal("0.50"));
        assertThat(three.get("price").toString()).isEqualTo("0.50");
        assertThat(three.get("qty").toString()).isEqualTo("4294967295");
        assertThat(three.get("created").asText()).isEqualTo("2024-01-02 03:04:05.678");
        assertThat(three.get("flags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(three.get("data").asText()).isEqualTo("AP8n");
        assertThat(three.get("ratio").toString()).isEqualTo("0.1");
        assertThat(state.get(1).get("note").asText()).isEqualTo("changed");
        assertThat(state.get(1).get("price").toString()).isEqualTo("11.00");
        assertThat(state.get(20).get("name").asText()).isEqualTo("emoji 😀");
        assertThat(state.get(20).get("kind").isNull()).isTrue();

        // SQL: applied to a copy of the table as it was, it reproduces the table.
        apply(live, tail(live, start, "sql"), "items", "replay");
        assertThat(rows(live, "replay")).isEqualTo(rows(live, "items"));
        assertThat(checksum(live, "replay")).isEqualTo(checksum(live, "items"));

        // Flashback: applied to the table, it undoes the script.
        assertThat(rows(live, "items")).isNotEqualTo(rows(live, "snapshot"));
        List<String> flashback = tail(live, start, "flashback");
        apply(live, flashback, "items", "items");
        assertThat(rows(live, "items")).isEqualTo(rows(live, "snapshot"));
        assertThat(checksum(live, "items")).isEqualTo(checksum(live, "snapshot"));
    }

    private static List<String> tail(LiveServer live, String start, String format) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = BinlogCli.execute(new BinlogCli(), new PrintWriter(out), new PrintWriter(err), "tail",
                "-H", live.host(), "-P", String.valueOf(live.port()), "-u", LiveServer.REPLICATION_USER,
                "--password=" + LiveServer.REPLICATION_PASSWORD, "--ssl-mode", "disabled", "--start", start,
                "--stop-at-end", "--include", live.database() + ".items", "--format", format);
        assertThat(status).as("exit status; stderr: %s", err).isZero();
        List<String> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Runs each statement line, pointed at {@code toTable}. */
    private static void apply(LiveServer live, List<String> sql, String fromTable, String toTable) throws Exception {
        String from = "`" + live.database() + "`.`" + fromTable + "`";
        String to = "`" + live.database() + "`.`" + toTable + "`";
        try (Connection c = live.connection(); Statement s = c.createStatement()) {
            for (String line : sql) {
                s.execute(line.replace(from, to));
            }
        }
    }

    private static List<Map<String, Object>> rows(LiveServer live, String table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : live.query("SELECT id, name, price, qty, created, note, flags, kind,"
                + " HEX(data) AS data, ratio FROM " + table + " ORDER BY id")) {
            rows.add(new LinkedHashMap<>(row));
        }
        return rows;
    }

    private static String checksum(LiveServer live, String table) {
        return String.valueOf(live.query("CHECKSUM TABLE " + table).get(0).get("Checksum"));
    }
}
