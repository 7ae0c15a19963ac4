package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What a user sees on standard error, from the real {@code main} in a JVM of its own: only the CLI's one-line
 * messages, never the library's log or a stack trace.
 */
class StandardErrorTest {

    private static final Path FIXTURES = Path.of(System.getProperty("binlog.fixtures", "../../shared/fixtures/binlogs"));
    private static final Path STATEMENT_BASED = FIXTURES.resolve(
            "mariadb-operator__mariadb-poc/mariadb-binlog/binlogs/domain_id_0/mariadb-repl-bin.000002");
    private static final Path SYSTEM_SCHEMA_ROWS = FIXTURES.resolve(
            "blackbeam__rust_mysql_common/test-data/binlogs/mysql-enum-string-set.000001");
    private static final String STATEMENTS_SUMMARY = "binlog: 17724 data changes were logged as statements, not as"
            + " rows (binlog_format=STATEMENT or MIXED), and cannot be printed; the first at"
            + " mariadb-repl-bin.000002:723; tables: sbtest-repl.sbtest1, sbtest-repl.sbtest2, sbtest-repl.sbtest3,"
            + " sbtest-repl.sbtest4, sbtest-repl.sbtest5\n";

    private static Path fixture(Path file) {
        Assumptions.assumeTrue(Files.exists(file), "binlog fixtures folder absent: " + FIXTURES);
        return file;
    }

    @Test
    void summarisesStatementLoggedChangesInOneLine() throws Exception {
        CliProcess run = CliProcess.run("read", fixture(STATEMENT_BASED).toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(STATEMENTS_SUMMARY);
    }

    @Test
    void saysNothingOfStatementsOfTablesTheIncludeLeavesOut() throws Exception {
        CliProcess run = CliProcess.run("read", "--include", "shop.orders", fixture(STATEMENT_BASED).toString());

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEqualTo("binlog: no row change matched the filters\n");
    }

    @Test
    void showsTheLibraryLogOnlyWhenVerbose() throws Exception {
        CliProcess run = CliProcess.run("read", "--verbose", fixture(STATEMENT_BASED).toString());

        assertThat(run.status()).isZero();
        assertThat(run.err().lines().filter(line -> line.contains("[WARN] dev.binlog.stream.EventDispatcher"
                + " - mariadb-repl-bin.000002:723: a data change to sbtest-repl."))).hasSize(1);
        assertThat(run.err()).endsWith(STATEMENTS_SUMMARY);
    }

    @Test
    void saysThatRowsOfSystemSchemasWereLeftOut() throws Exception {
        CliProcess run = CliProcess.run("read", fixture(SYSTEM_SCHEMA_ROWS).toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("binlog: no row change matched the filters (3 changes in system schema mysql"
                + " are excluded by default; --include mysql to see them)\n");
    }

    @Test
    void printsRowsOfASystemSchemaNamedInInclude() throws Exception {
        CliProcess run = CliProcess.run("read", "--include", "mysql", fixture(SYSTEM_SCHEMA_ROWS).toString());

        assertThat(run.status()).isZero();
        assertThat(run.out().lines()).hasSize(3).allMatch(line -> line.startsWith(
                "{\"database\":\"mysql\",\"table\":\"t\""));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void saysSoWhenAnIncludeMatchedNothing() throws Exception {
        CliProcess run = CliProcess.run("read", "--include", "shop", fixture(SYSTEM_SCHEMA_ROWS).toString());

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEqualTo("binlog: no row change matched the filters\n");
    }

    @Test
    void failsWithOneLineAndNoStackTraceOnADamagedFile() throws Exception {
        Path damaged = fixture(FIXTURES.resolve("blackbeam__rust_mysql_common/test-data/binlogs/corrupt-relay-bin.000624"));

        CliProcess run = CliProcess.run("read", damaged.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("binlog read: ").doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void failsWithOneLineWhenNoServerListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliProcess run = CliProcess.run("tail", "-H", "127.0.0.1", "-P", String.valueOf(port), "-u", "repl",
                "--stop-at-end");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("binlog tail: ").doesNotContain("\tat ").hasLineCount(1);
    }
}
