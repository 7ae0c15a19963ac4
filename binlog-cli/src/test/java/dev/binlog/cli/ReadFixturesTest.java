package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code binlog read} over every real binlog file in the shared fixtures, in every output format. */
class ReadFixturesTest {

    private static final Path FIXTURES = Path.of(System.getProperty("binlog.fixtures", "../../shared/fixtures/binlogs"));

    /** Deliberately damaged files, and rows that cannot be decoded without the table's schema. */
    private static final Set<String> FAILING = Set.of(
            "blackbeam__rust_mysql_common/test-data/binlogs/binlog_truncated_event.000001",
            "blackbeam__rust_mysql_common/test-data/binlogs/binlog_truncated_prev_gtid_event.000001",
            "blackbeam__rust_mysql_common/test-data/binlogs/corrupt-relay-bin.000624",
            "blackbeam__rust_mysql_common/test-data/binlogs/ver_5_1-wl2325_r.001",
            "pingcap__tiflow/mysql-bin.000001");

    /** Files whose MINIMAL row images cannot be undone: flashback refuses them rather than guess. */
    private static final Set<String> CANNOT_UNDO = Set.of(
            "blackbeam__rust_mysql_common/test-data/binlogs/minimal_row_metadata.000001",
            "blackbeam__rust_mysql_common/test-data/binlogs/rpl_unfiltered_hidden_gcol.000001",
            "blackbeam__rust_mysql_common/test-data/binlogs/update-full-row.binlog",
            "blackbeam__rust_mysql_common/test-data/binlogs/update-partial-row.binlog",
            "blackbeam__rust_mysql_common/test-data/binlogs/write-full-row.binlog",
            "blackbeam__rust_mysql_common/test-data/binlogs/write-partial-row.binlog",
            "github__gh-ost/go/binlog/testdata/mysql-bin.000066");

    static Stream<String> fixtureFiles() throws IOException {
        Path expected = FIXTURES.resolve("expected");
        if (!Files.isDirectory(expected)) {
            return Stream.of("(fixtures absent)");
        }
        try (Stream<Path> walk = Files.walk(expected)) {
            return walk.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> expected.relativize(p).toString().replaceFirst("\\.json$", ""))
                    .sorted().toList().stream();
        }
    }

    @org.junit.jupiter.api.Test
    void rowsOfExcludedTablesAreNeverDecoded() {
        Path file = FIXTURES.resolve("pingcap__tiflow/mysql-bin.000001");
        Assumptions.assumeTrue(Files.exists(file), "binlog fixtures folder absent: " + FIXTURES);
        // These four tables hold MariaDB 10.0 TIMESTAMP(3) rows that cannot be decoded without the schema.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = BinlogCli.execute(new BinlogCli(), new PrintWriter(out), new PrintWriter(err), "read",
                "--exclude", "steven.t,steven.t2,steven.t5,steven.t6", file.toString());
        assertThat(status).as("stderr: %s", err).isZero();
        assertThat(out.toString().lines()).hasSize(3).allMatch(line -> line.contains("\"table\":\"t1\"")
                || line.contains("\"table\":\"t3\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFiles")
    void readsFixtureToTheEndOrFailsWithOneLine(String relative) {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "binlog fixtures folder absent: " + FIXTURES);
        for (String format : new String[] {"json", "sql", "flashback"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            // most files do not name their columns: sql and flashback refuse them without --positional-columns
            int status = BinlogCli.execute(new BinlogCli(), new PrintWriter(out), new PrintWriter(err), "read",
                    "--include", "/.*/", "--format", format, "--positional-columns",
                    FIXTURES.resolve(relative).toString());
            if (FAILING.contains(relative)) {
                assertThat(status).as("exit status of %s (%s)", relative, format).isEqualTo(1);
                assertThat(err.toString().strip()).doesNotContain("\n").contains(" at ");
            } else if (format.equals("flashback") && CANNOT_UNDO.contains(relative)) {
                assertThat(status).as("exit status of %s (%s)", relative, format).isEqualTo(1);
                assertThat(err.toString()).startsWith("binlog read: cannot undo the ").hasLineCount(1)
                        .contains("flashback needs binlog_row_image=FULL");
                assertThat(out.toString()).isEmpty();
            } else {
                assertThat(status).as("exit status of %s (%s); stderr: %s", relative, format, err).isZero();
            }
        }
    }

    /** With no --include the stream also decodes the system schemas' rows (to count them): no file may fail on it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFiles")
    void readsFixtureWithTheDefaultFilter(String relative) {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "binlog fixtures folder absent: " + FIXTURES);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = BinlogCli.execute(new BinlogCli(), new PrintWriter(out), new PrintWriter(err), "read",
                FIXTURES.resolve(relative).toString());

        assertThat(status).as("exit status of %s; stderr: %s", relative, err).isEqualTo(FAILING.contains(relative)
                ? 1 : 0);
        assertThat(out.toString()).doesNotContain("\"database\":\"mysql\"");
    }
}
