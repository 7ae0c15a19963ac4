package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code json.binlog.000001} (MySQL 8.0.22): a partial JSON update logged with a MINIMAL before image (the key only)
 * and no column names. sql writes the server's JSON function; flashback refuses, since the previous values are not
 * in the binlog; neither ever writes the function's text into the column.
 */
class PartialJsonFixtureTest {

    private static final Path FILE = Path.of(System.getProperty("binlog.fixtures", "../../shared/fixtures/binlogs"))
            .resolve("blackbeam__rust_mysql_common/test-data/binlogs/json.binlog.000001");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int read(String... options) {
        Assumptions.assumeTrue(Files.exists(FILE), "binlog fixtures folder absent: " + FILE);
        List<String> args = new java.util.ArrayList<>(List.of("read", "--include", "mysql"));
        args.addAll(List.of(options));
        args.add(FILE.toString());
        return BinlogCli.execute(new BinlogCli(), new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    }

    @Test
    void sqlSetsThePartialUpdateWithTheServersJsonFunction() {
        assertThat(read("--format", "sql", "--positional-columns")).as("stderr: %s", err).isZero();

        assertThat(out.toString().lines().filter(line -> line.contains("json.binlog.000001:3750")).toList())
                .containsExactly(
                "UPDATE `mysql`.`t` SET `@2` = JSON_REPLACE(`@2`, '$.age', CAST('26' AS JSON)), `@3` = 'Joe', `@4` = 26"
                        + " WHERE `@1` = 1 LIMIT 1; -- json.binlog.000001:3750 2021-03-15T08:44:29Z",
                "UPDATE `mysql`.`t` SET `@2` = JSON_REPLACE(`@2`, '$.age', CAST('34' AS JSON)), `@3` = 'Sue', `@4` = 34"
                        + " WHERE `@1` = 2 LIMIT 1; -- json.binlog.000001:3750 2021-03-15T08:44:29Z",
                "UPDATE `mysql`.`t` SET `@2` = JSON_REPLACE(`@2`, '$.age', CAST('42' AS JSON)), `@3` = 'Pete',"
                        + " `@4` = 42 WHERE `@1` = 3 LIMIT 1; -- json.binlog.000001:3750 2021-03-15T08:44:29Z",
                "UPDATE `mysql`.`t` SET `@2` = JSON_REPLACE(`@2`, '$.age', CAST('26' AS JSON)), `@3` = 'Joe', `@4` = 26"
                        + " WHERE `@1` = 4 LIMIT 1; -- json.binlog.000001:3750 2021-03-15T08:44:29Z",
                "UPDATE `mysql`.`t` SET `@2` = JSON_REPLACE(`@2`, '$.age', CAST('34' AS JSON)), `@3` = 'Sue', `@4` = 34"
                        + " WHERE `@1` = 5 LIMIT 1; -- json.binlog.000001:3750 2021-03-15T08:44:29Z",
                "UPDATE `mysql`.`t` SET `@2` = JSON_REPLACE(`@2`, '$.age', CAST('42' AS JSON)), `@3` = 'Pete',"
                        + " `@4` = 42 WHERE `@1` = 6 LIMIT 1; -- json.binlog.000001:3750 2021-03-15T08:44:29Z");
        assertThat(out.toString()).doesNotContain("'JSON_REPLACE");
    }

    @Test
    void flashbackRefusesTheUpdateItCannotUndoAndWritesNothing() {
        assertThat(read("--format", "flashback", "--positional-columns")).isEqualTo(1);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("binlog read: cannot undo the update of mysql.t at"
                + " json.binlog.000001:3750: the binlog does not hold the previous value of `@2`, `@3`, `@4`"
                + " (binlog_row_image=MINIMAL or NOBLOB); flashback needs binlog_row_image=FULL"
                + System.lineSeparator());
    }

    @Test
    void sqlRefusesUnnamedColumnsUnlessAskedForPositionalOnes() {
        assertThat(read("--format", "sql")).isEqualTo(1);

        assertThat(out.toString()).as("the table's DDL comes first; no row").doesNotContain("INSERT");
        assertThat(err.toString()).isEqualTo("binlog read: cannot write sql for mysql.t at json.binlog.000001:1059: the"
                + " binlog does not name the table's columns (binlog_row_metadata=MINIMAL); give --user and the other"
                + " connection options to read the names from the server, or --positional-columns to write them as"
                + " `@1`, `@2`..." + System.lineSeparator());
    }

    @Test
    void jsonKeepsTheKeyOfTheMinimalUpdate() {
        assertThat(read()).isZero();

        assertThat(out.toString().lines().filter(line -> line.contains("\"event_position\":\"json.binlog.000001:3750\""))
                .findFirst().orElseThrow()).contains("\"data\":{\"@1\":1,\"@2\":\"JSON_REPLACE(doc, '$.age',"
                + " CAST('26' AS JSON))\",\"@3\":\"Joe\",\"@4\":26},\"old\":{}}");
    }
}
