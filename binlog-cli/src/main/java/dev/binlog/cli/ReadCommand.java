package dev.binlog.cli;

import dev.binlog.RowChange;
import dev.binlog.TableFilter;
import dev.binlog.cli.format.ChangeFormatter;
import dev.binlog.cli.format.RowColumnInfo;
import dev.binlog.stream.BinlogFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code binlog read}: the same output from binary log files on disk. */
@Command(name = "read", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the row changes in binary log (or relay log) files, in the order given.",
            "Column names come from the files' metadata (binlog_row_metadata=FULL), else from a server given with"
                    + " --user and the other connection options, else they are @1, @2..."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  binlog read mysql-bin.000042 mysql-bin.000043",
            "  binlog read --include shop.orders --format sql mysql-bin.000042",
            "  binlog read --start-time '2026-11-23 10:00:00' \\",
            "      --stop-time '2026-11-23 10:05:00' -f flashback mysql-bin.000042 > undo.sql",
            "  binlog read -u repl --password-env PW -H db1 mysql-bin.000042  # names from db1",
            "",
            "Exit status: 0 success, 2 usage error, 1 any other error."})
final class ReadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    BinlogCli parent;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Binary log files, read in this order.")
    List<Path> files;

    @Option(names = "--start-position", paramLabel = "OFFSET",
            description = "Skip events before this offset of the first file.")
    Long startPosition;

    @Option(names = "--stop-position", paramLabel = "OFFSET",
            description = "Stop at the first event at or beyond this offset of the last file.")
    Long stopPosition;

    @Option(names = "--start-time", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Skip events before this time: 2026-11-23T10:15:30Z, or '2026-11-23 10:15:30' in local time.")
    Instant startTime;

    @Option(names = "--stop-time", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Stop at the first event at or after this time (same forms as --start-time).")
    Instant stopTime;

    @Mixin
    FilterOptions filter;

    @Mixin
    OutputOptions output;

    @Option(names = "--no-progress", description = "Never show the progress bar (shown on a terminal otherwise).")
    boolean noProgress;

    @Mixin
    EventSizeOption eventSize;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        long[] sizes = sizes(files);
        PrintWriter err = spec.commandLine().getErr();
        StatementLoggedChanges statements = new StatementLoggedChanges();
        SelectionSummary summary = filter.summary(statements);
        try (AutoCloseable log = logging.apply(err, statements)) {
            read(sizes, summary);
        }
        for (String line : summary.lines()) {
            err.println("binlog: " + line);
        }
        err.flush();
        return 0;
    }

    private void read(long[] sizes, SelectionSummary summary) throws Exception {
        TableFilter tableFilter = filter.toFilter();
        ChangeFormatter formatter = output.format.formatter(new CheckedOutput(spec.commandLine().getOut()),
                new RowColumnInfo(), output.positionalColumns);
        ProgressBar progressBar = !noProgress && parent.terminal()
                ? new ProgressBar(spec.commandLine().getErr(), files, sizes, System::nanoTime)
                : null;
        Consumer<RowChange> progress = progressBar == null ? change -> { } : progressBar;
        BinlogFiles.Builder reader = BinlogFiles.reader(files)
                .filter(filter.toStreamFilter())
                .listener(new ChangePrinter(formatter, tableFilter, null, () -> { }, progress, summary));
        if (startPosition != null) {
            reader.startPosition(startPosition);
        }
        if (stopPosition != null) {
            reader.stopPosition(stopPosition);
        }
        if (startTime != null) {
            reader.startTime(startTime);
        }
        if (stopTime != null) {
            reader.stopTime(stopTime);
        }
        if (eventSize.value() != null) {
            reader.maxEventSize(eventSize.value());
        }
        if (connection.userGiven()) {
            reader.schemaServer(connection.serverSettings(parent.environment()));
        }
        try {
            reader.read();
            formatter.finish();
        } finally {
            if (progressBar != null) {
                progressBar.clear();
            }
        }
    }

    private static long[] sizes(List<Path> files) throws IOException {
        long[] sizes = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "no such binlog file; check the path");
            }
            sizes[i] = Files.size(file);
        }
        return sizes;
    }
}
