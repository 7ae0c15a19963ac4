package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeType;
import dev.binlog.StartPosition;
import dev.binlog.TlsMode;
import dev.binlog.cli.format.OutputFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class BinlogCliTest {

    private static final String SECRET = "s3cr3t-pw";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> environment = Map.of("REPL_PW", SECRET);

    private int run(String... args) {
        BinlogCli root = new BinlogCli(environment::get, false);
        return BinlogCli.execute(root, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private <T> T parse(Class<T> command, String... args) {
        BinlogCli root = new BinlogCli(environment::get, false);
        CommandLine commandLine = BinlogCli.commandLine(root, new PrintWriter(out, true), new PrintWriter(err, true),
                Secrets.fromArguments(args));
        ParseResult result = commandLine.parseArgs(args);
        return command.cast(result.subcommand().commandSpec().userObject());
    }

    @Test
    void showsHelpWithExamplesOnEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"tail", "--help"}, {"read", "--help"}}) {
            out.getBuffer().setLength(0);
            assertThat(run(args)).isZero();
            assertThat(out.toString()).contains("Examples:").contains("Exit status: 0 success, 2 usage error");
        }
    }

    @Test
    void generatesShellCompletion() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out.toString()).contains("complete -F").contains("--position-file").contains("--stop-position");
    }

    @Test
    void rejectsAnUnknownOptionWithOneLineAndStatusTwo() {
        assertThat(run("tail", "--user", "repl", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("binlog tail: Unknown option: '--bogus' (see 'binlog tail --help')"
                + System.lineSeparator());
    }

    @Test
    void requiresACommand() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).startsWith("binlog: missing command: use tail or read");
    }

    @Test
    void requiresAUserToTail() {
        assertThat(run("tail")).isEqualTo(2);
        assertThat(err.toString()).startsWith("binlog tail: missing --user");
    }

    @Test
    void rejectsAnUnreadableStartPosition() {
        assertThat(run("tail", "-u", "repl", "--start", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("'yesterday' is not a start position; use earliest, latest, FILE:POS");
    }

    @Test
    void rejectsAnUnreadableStopPoint() {
        assertThat(run("tail", "-u", "repl", "--stop-at", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a stop point; use FILE:POS");
    }

    @Test
    void rejectsAnUnknownChangeType() {
        assertThat(run("tail", "-u", "repl", "--types", "insert,upsert")).isEqualTo(2);
        assertThat(err.toString()).contains("--types").contains("upsert");
    }

    @Test
    void requiresAnEndForFlashbackFromAServer() {
        assertThat(run("tail", "-u", "repl", "--format", "flashback")).isEqualTo(2);
        assertThat(err.toString()).startsWith("binlog tail: --format flashback prints only when the stream ends:"
                + " add --stop-at-end or --stop-at");
    }

    @Test
    void refusesPositionFileWithFlashback(@TempDir Path dir) {
        assertThat(run("tail", "-u", "repl", "--format", "flashback", "--stop-at-end", "--position-file",
                dir.resolve("pos").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("binlog tail: --position-file cannot be used with --format flashback");
    }

    @Test
    void refusesBothPasswordOptions() {
        assertThat(run("tail", "-u", "repl", "--password=" + SECRET, "--password-env", "REPL_PW")).isEqualTo(2);
        assertThat(err.toString()).startsWith("binlog tail: give either --password or --password-env, not both");
        assertThat(err.toString() + out).doesNotContain(SECRET);
    }

    @Test
    void explainsAnUnsetPasswordVariable() {
        assertThat(run("tail", "-u", "repl", "--password-env", "NOPE")).isEqualTo(2);
        assertThat(err.toString()).startsWith("binlog tail: environment variable NOPE (named by --password-env) is"
                + " not set");
    }

    @Test
    void failsWithStatusOneAndWhatToDoOnAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("mysql-bin.000001");
        assertThat(run("read", missing.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("binlog read: " + missing + ": no such binlog file; check the path"
                + System.lineSeparator());
    }

    @Test
    void failsWithOneLineOnAFileItCannotRead(@TempDir Path dir) throws java.io.IOException {
        Path notABinlog = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "hello");

        assertThat(run("read", notABinlog.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("binlog read: ").hasLineCount(1);
    }

    @Test
    void requiresAFileToRead() {
        assertThat(run("read")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter").contains("FILE");
    }

    @Test
    void neverPrintsThePassword(@TempDir Path dir) {
        String[][] commands = {
            {"tail", "-u", "repl", "--password=" + SECRET, "--bogus"},
            {"tail", "-u", "repl", "--password", SECRET, "extra"},
            {"tail", "-u", "repl", "-p" + SECRET, "--types", "nope"},
            {"tail", "-u", "repl", "--pasword=" + SECRET},
            {"read", "-u", "repl", "--password=" + SECRET, dir.resolve("missing").toString()},
            {"tail", "--help"},
        };
        for (String[] args : commands) {
            run(args);
            assertThat(out.toString() + err).as(String.join(" ", args)).doesNotContain(SECRET);
        }
    }

    @Test
    void readsThePasswordFromTheNamedVariable() {
        TailCommand tail = parse(TailCommand.class, "tail", "-u", "repl", "--password-env", "REPL_PW");

        assertThat(tail.connection.password(environment::get)).isEqualTo(SECRET);
        assertThat(tail.connection.toString()).doesNotContain(SECRET);
    }

    @Test
    void takesThePasswordInEverySpelling() {
        assertThat(parse(TailCommand.class, "tail", "--password=" + SECRET).connection.password(k -> null))
                .isEqualTo(SECRET);
        assertThat(parse(TailCommand.class, "tail", "-p" + SECRET).connection.password(k -> null)).isEqualTo(SECRET);
        assertThat(parse(TailCommand.class, "tail", "--password", SECRET).connection.password(k -> null))
                .isEqualTo(SECRET);
        assertThat(parse(TailCommand.class, "tail").connection.password(k -> null)).isEmpty();
    }

    @Test
    void parsesEveryTailOption(@TempDir Path dir) {
        TailCommand tail = parse(TailCommand.class, "tail", "--host", "db1", "--port", "3307", "--user", "repl",
                "--ssl-mode", "verify_ca", "--server-id", "4242", "--start", "mysql-bin.000042:4", "--stop-at-end",
                "--stop-at", "mysql-bin.000043:120", "--include", "shop.orders,shop.order_*", "--exclude", "shop.tmp",
                "--types", "insert,delete", "--position-file", dir.resolve("pos").toString(), "--format", "sql");

        assertThat(tail.connection.host).isEqualTo("db1");
        assertThat(tail.connection.port).isEqualTo(3307);
        assertThat(tail.connection.sslMode).isEqualTo(TlsMode.VERIFY_CA);
        assertThat(tail.connection.serverId).isEqualTo(4242L);
        assertThat(tail.start).isEqualTo(StartPosition.parse("mysql-bin.000042:4"));
        assertThat(tail.stopAtEnd).isTrue();
        assertThat(tail.stopAt).hasToString("mysql-bin.000043:120");
        assertThat(tail.filter.toFilter().includesTable("shop", "order_lines")).isTrue();
        assertThat(tail.filter.toFilter().includesTable("shop", "tmp")).isFalse();
        assertThat(tail.filter.toFilter().types()).containsExactlyInAnyOrder(ChangeType.INSERT, ChangeType.DELETE);
        assertThat(tail.positionFile).isEqualTo(dir.resolve("pos"));
        assertThat(tail.output.format).isEqualTo(OutputFormat.sql);
    }

    @Test
    void keepsCommasInsideARegexPattern() {
        TailCommand tail = parse(TailCommand.class, "tail", "--include", "/shop\\.t[0-9]{1,2}/", "--include",
                "crm.a,crm.b");

        assertThat(tail.filter.toFilter().includesTable("shop", "t12")).isTrue();
        assertThat(tail.filter.toFilter().includesTable("shop", "t123")).isFalse();
        assertThat(tail.filter.toFilter().includesTable("crm", "b")).isTrue();
        assertThat(tail.filter.toFilter().includesTable("crm", "c")).isFalse();
    }

    @Test
    void defaultsToLatestAndJson() {
        TailCommand tail = parse(TailCommand.class, "tail", "-u", "repl");

        assertThat(tail.start).isEqualTo(StartPosition.parse("latest"));
        assertThat(tail.output.format).isEqualTo(OutputFormat.json);
        assertThat(tail.connection.host).isEqualTo("localhost");
        assertThat(tail.connection.port).isEqualTo(3306);
        assertThat(tail.connection.sslMode).isEqualTo(TlsMode.PREFERRED);
    }

    @Test
    void parsesEveryReadOption() {
        ReadCommand read = parse(ReadCommand.class, "read", "--start-position", "4", "--stop-position", "9000",
                "--start-time", "2026-11-23T10:00:00Z", "--stop-time", "2026-11-23T12:05:00+02:00",
                "--format", "flashback", "a.000001", "b.000002");

        assertThat(read.files).containsExactly(Path.of("a.000001"), Path.of("b.000002"));
        assertThat(read.startPosition).isEqualTo(4L);
        assertThat(read.stopPosition).isEqualTo(9000L);
        assertThat(read.startTime).hasToString("2026-11-23T10:00:00Z");
        assertThat(read.stopTime).hasToString("2026-11-23T10:05:00Z");
        assertThat(read.output.format).isEqualTo(OutputFormat.flashback);
        assertThat(read.connection.userGiven()).isFalse();
    }

    @Test
    void takesTheSslModeInTheSpellingsOfTheMysqlClientConnectorJAndTheEnum() {
        for (String spelling : new String[] {"verify-ca", "verify_ca", "VERIFY_CA", "Verify-CA"}) {
            assertThat(parse(TailCommand.class, "tail", "--ssl-mode", spelling).connection.sslMode).as(spelling)
                    .isEqualTo(TlsMode.VERIFY_CA);
        }
        assertThat(parse(TailCommand.class, "tail", "--ssl-mode", "verify-identity").connection.sslMode)
                .isEqualTo(TlsMode.VERIFY_IDENTITY);
    }

    @Test
    void documentsTheSslModesWithDashes() {
        assertThat(run("tail", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("TLS use: disabled, preferred, required,"
                + " verify-ca, verify-identity (default: preferred).");
    }

    @Test
    void rejectsAnUnknownSslModeNamingTheChoices() {
        assertThat(run("tail", "-u", "repl", "--ssl-mode", "verify")).isEqualTo(2);
        assertThat(err.toString()).contains("'verify' is not an SSL mode; use disabled, preferred, required,"
                + " verify-ca, verify-identity").hasLineCount(1);
    }

    @Test
    void replacesCoreAdviceTheCliCannotFollow() {
        assertThat(CliHints.rewrite("the server at db:3306 has binlog_row_image=MINIMAL; full before/after rows need"
                + " SET GLOBAL binlog_row_image='FULL'; a live stream takes full row images only (BinlogFiles reads"
                + " binlog files with partial ones)"))
                .isEqualTo("the server at db:3306 has binlog_row_image=MINIMAL; full before/after rows need SET GLOBAL"
                        + " binlog_row_image='FULL'; binlog tail streams full row images only: to print partial ones,"
                        + " copy the binary log files and use binlog read");
        assertThat(CliHints.rewrite("the client's server id 1 equals the server_id of db:3306; choose another server"
                + " id (BinlogClient.Builder.serverId)")).isEqualTo("the client's server id 1 equals the server_id of"
                        + " db:3306; choose another server id (--server-id)");
    }

    @Test
    void pointsToThePrintedPositionsInsteadOfTheJavaApiForResumePoints() {
        assertThat(CliHints.rewrite("the start position mysql-bin.000001:2225 on db:3306 is not the start of a"
                + " transaction (a Update_rows_v1 event inside one is there); start at a transaction's start or end,"
                + " e.g. a change's ChangeMetadata.transactionStart() or a commit's Transaction.committedPosition()"))
                .isEqualTo("the start position mysql-bin.000001:2225 on db:3306 is not the start of a transaction (a"
                        + " Update_rows_v1 event inside one is there); start at a transaction's start or end, e.g. a"
                        + " JSON line's \"position\" (or --position-file)");
    }
}
