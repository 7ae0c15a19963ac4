package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.util.List;
import java.util.Map;

/**
 * What the sql and flashback formats print, applied to a real server: sql of a stream from before the table existed
 * rebuilds it elsewhere (DDL included, BIT(64), FLOAT and DOUBLE exact); flashback never overwrites a change made
 * after the undone ones. And the values of the same stream as JSON.
 */
class SqlOutputLiveTest {

    private static final String ALL_ONES = "b'" + "1".repeat(64) + "'";

    @LiveTest
    void sqlFromBeforeTheTableExistedRebuildsItInAnotherDatabase(LiveServer live) throws Exception {
        String copy = live.database() + "_copy";
        live.execute("DROP TABLE IF EXISTS gauges", "DROP DATABASE IF EXISTS `" + copy + "`");
        String start = LiveCli.position(live);
        live.execute("CREATE TABLE gauges (id INT PRIMARY KEY, f FLOAT, d DOUBLE, bits BIT(64), note TEXT NULL)",
                "INSERT INTO gauges VALUES (1, 1.1, 1.64194455601486234E18, " + ALL_ONES + ", 'it''s')",
                "INSERT INTO gauges VALUES (2, -0.3, 1e23, b'101', NULL)",
                "UPDATE gauges SET f = 2.5, note = 'x' WHERE id = 2",
                "INSERT INTO gauges VALUES (3, 0, 5e-324, NULL, 'gone')",
                "DELETE FROM gauges WHERE id = 3");

        LiveCli sql = LiveCli.tail(live, "--start", start, "--stop-at-end", "--include", live.database() + ".gauges",
                "--format", "sql");
        assertThat(sql.status()).as("stderr: %s", sql.err()).isZero();
        assertThat(sql.err()).isEmpty();
        assertThat(sql.out()).contains("USE `" + live.database() + "`;")
                .contains("\nCREATE TABLE gauges (id INT PRIMARY KEY, f FLOAT, d DOUBLE, bits BIT(64), note TEXT NULL);\n")
                .contains("VALUES (1, 1.1, 1.6419445560148623E18, 18446744073709551615, 'it\\'s');");

        live.execute("CREATE DATABASE `" + copy + "`");
        try {
            LiveCli.apply(live, sql.out().replace("`" + live.database() + "`", "`" + copy + "`"));
            String columns = "id, f, d, HEX(bits) AS bits, note";
            assertThat(live.query("SELECT " + columns + " FROM `" + copy + "`.gauges ORDER BY id"))
                    .isEqualTo(live.query("SELECT " + columns + " FROM gauges ORDER BY id"))
                    .hasSize(2);
            assertThat(live.queryString("SELECT HEX(bits) FROM `" + copy + "`.gauges WHERE id = 1"))
                    .isEqualTo("FFFFFFFFFFFFFFFF");
        } finally {
            live.execute("DROP DATABASE IF EXISTS `" + copy + "`");
        }

        LiveCli json = LiveCli.tail(live, "--start", start, "--stop-at-end", "--include", live.database() + ".gauges");
        assertThat(json.status()).as("stderr: %s", json.err()).isZero();
        List<String> lines = json.out().lines().toList();
        assertThat(lines.get(0)).contains("\"data\":{\"id\":1,\"f\":1.1,\"d\":1.6419445560148623E18,"
                + "\"bits\":18446744073709551615,\"note\":\"it's\"}");
        assertThat(lines.get(1)).contains("\"data\":{\"id\":2,\"f\":-0.3,\"d\":1.0E23,\"bits\":5,\"note\":null}");
        assertThat(lines.get(3)).contains("\"d\":4.9E-324");
    }

    @LiveTest
    void flashbackLeavesARowThatChangedAfterTheUndoneChangesAlone(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS accounts",
                "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20), balance DECIMAL(8,2), ratio FLOAT)",
                "INSERT INTO accounts VALUES (1, 'ann', 10.00, 0.1), (2, 'bob', 20.00, NULL)");
        String start = LiveCli.position(live);
        live.execute("UPDATE accounts SET balance = 0.00 WHERE id IN (1, 2)");
        String stop = LiveCli.position(live);
        // made after the window being undone: flashback must not overwrite it
        live.execute("UPDATE accounts SET balance = 99.00 WHERE id = 2");

        LiveCli flashback = LiveCli.tail(live, "--start", start, "--stop-at", stop, "--include",
                live.database() + ".accounts", "--format", "flashback");
        assertThat(flashback.status()).as("stderr: %s", flashback.err()).isZero();
        assertThat(flashback.out()).contains("UPDATE `" + live.database() + "`.`accounts` SET `balance` = 10.00"
                + " WHERE `id` <=> 1 AND `owner` <=> 'ann' AND `balance` <=> 0.00 AND `ratio` <=> 0.10000000149011612"
                + " LIMIT 1;");
        LiveCli.apply(live, flashback.out());

        List<Map<String, Object>> rows = live.query("SELECT id, balance FROM accounts ORDER BY id");
        assertThat(rows.get(0).get("balance")).hasToString("10.00");
        assertThat(rows.get(1).get("balance")).as("changed later: left alone").hasToString("99.00");
    }
}
