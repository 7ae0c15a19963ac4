package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.stream.SnapshotKind;
import dev.binlog.stream.SnapshotMode;
import dev.binlog.stream.SnapshotSettings;
import dev.binlog.stream.SnapshotWatermark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tail --snapshot} options: what they map to, and the usage errors that stop a run before it connects. */
class SnapshotOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        BinlogCli root = new BinlogCli(name -> null, false);
        return BinlogCli.execute(root, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static SnapshotOptions parse(String... args) {
        BinlogCli root = new BinlogCli(name -> null, false);
        StringWriter ignored = new StringWriter();
        TailCommand tail = (TailCommand) BinlogCli.commandLine(root, new PrintWriter(ignored), new PrintWriter(ignored),
                Secrets.fromArguments(args)).parseArgs(args).subcommand().commandSpec().userObject();
        return tail.snapshot;
    }

    @Test
    void mapsAnIncrementalSnapshotWithItsWatermarkSignalTableAndKeys() {
        SnapshotSettings settings = parse("tail", "--snapshot", "shop.*", "--snapshot-mode", "incremental",
                "--watermark", "gtid", "--signal-table", "ops.signals", "--snapshot-key", "shop.logs=id, ts",
                "--snapshot-key", "shop.audit=seq", "--chunk-size", "500").settings();

        assertThat(settings.mode()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(settings.kind()).isEqualTo(SnapshotKind.INCREMENTAL);
        assertThat(settings.watermark()).isEqualTo(SnapshotWatermark.GTID);
        assertThat(settings.signalTable()).isEqualTo("ops.signals");
        assertThat(settings.chunkSize()).isEqualTo(500);
        assertThat(settings.keys()).isEqualTo(Map.of("shop.logs", List.of("id", "ts"), "shop.audit", List.of("seq")));
        assertThat(settings.tables().includesTable("shop", "orders")).isTrue();
        assertThat(settings.tables().includesTable("crm", "orders")).isFalse();
    }

    @Test
    void defaultsToTheTableWatermarkAndBinlogSignal() {
        SnapshotSettings settings = parse("tail", "--snapshot", "shop.orders", "--snapshot-mode", "incremental")
                .settings();

        assertThat(settings.watermark()).isEqualTo(SnapshotWatermark.TABLE);
        assertThat(settings.signalTable()).isEqualTo("binlog_signal");
    }

    @Test
    void keepsTheConsistentSnapshotByDefaultWithKeysToo() {
        SnapshotSettings settings = parse("tail", "--snapshot", "shop.logs", "--snapshot-key", "shop.logs=id")
                .settings();

        assertThat(settings.mode()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(settings.kind()).isEqualTo(SnapshotKind.CONSISTENT);
        assertThat(settings.keys()).isEqualTo(Map.of("shop.logs", List.of("id")));
        assertThat(parse("tail").settings()).isEqualTo(SnapshotSettings.never());
    }

    @Test
    void refusesWatermarkAndSignalTableWithoutAnIncrementalSnapshot() {
        assertUsageError("--watermark needs --snapshot with --snapshot-mode incremental",
                "tail", "-u", "repl", "--snapshot", "shop.orders", "--watermark", "gtid");
        assertUsageError("--signal-table needs --snapshot with --snapshot-mode incremental",
                "tail", "-u", "repl", "--snapshot", "shop.orders", "--snapshot-mode", "consistent",
                "--signal-table", "signals");
        assertUsageError("--watermark needs --snapshot with --snapshot-mode incremental",
                "tail", "-u", "repl", "--snapshot-mode", "incremental", "--watermark", "table");
    }

    @Test
    void refusesMalformedValues() {
        assertUsageError("--snapshot-mode must be consistent or incremental, not 'lazy'",
                "tail", "-u", "repl", "--snapshot", "shop.orders", "--snapshot-mode", "lazy");
        assertUsageError("signal table 'shop.sig-nals' must be table or schema.table, of letters, digits, _ and $",
                "tail", "-u", "repl", "--snapshot", "shop.orders", "--snapshot-mode", "incremental",
                "--signal-table", "shop.sig-nals");
        assertUsageError("Invalid value for option '--watermark': expected one of [TABLE, GTID] (case-insensitive)"
                + " but was 'binlog'",
                "tail", "-u", "repl", "--snapshot", "shop.orders", "--snapshot-mode", "incremental",
                "--watermark", "binlog");
        assertUsageError("--snapshot-key needs --snapshot", "tail", "-u", "repl", "--snapshot-key", "shop.logs=id");
    }

    @Test
    void refusesStopAtEndWithAnIncrementalSnapshot() {
        assertUsageError("--stop-at-end cannot be used with --snapshot-mode incremental: the copy runs while the"
                + " stream flows, and the end of the binary log comes first; use --stop-at, or end the run (Ctrl-C)"
                + " once the copy is done",
                "tail", "-u", "repl", "--snapshot", "shop.orders", "--snapshot-mode", "incremental", "--stop-at-end");
    }

    @Test
    void refusesASnapshotKeyThatIsNotTableEqualsColumns() {
        for (String value : List.of("shop.logs", "logs=id", "shop.logs=", "shop.logs=id,,ts", ".logs=id",
                "a.b.c=id")) {
            err.getBuffer().setLength(0);
            assertThat(run("tail", "-u", "repl", "--snapshot", "shop.logs", "--snapshot-key", value)).as(value)
                    .isEqualTo(2);
            assertThat(err.toString()).as(value).startsWith("binlog tail: Invalid value for option '--snapshot-key'"
                    + " (SCHEMA.TABLE=COLS): '" + value + "'").contains("e.g. shop.logs=id,ts");
        }
    }

    private void assertUsageError(String message, String... args) {
        err.getBuffer().setLength(0);
        assertThat(run(args)).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("binlog tail: " + message + " (see 'binlog tail --help')"
                + System.lineSeparator());
    }
}
