package dev.binlog.cli;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.SnapshotCheckpoint;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.cli.format.ChangeFormatter;
import dev.binlog.cli.format.IncrementalCopy;
import dev.binlog.cli.format.RowColumnInfo;
import dev.binlog.kafka.KafkaSink;
import dev.binlog.stream.BinlogClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code binlog tail}: stream a server's row changes as a replica would receive them. */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Stream row changes from a MySQL or MariaDB server, as a replica receives them; print them,"
                + " or publish them to Kafka (--kafka).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  binlog tail -u repl --password-env REPL_PW --include shop.orders",
            "  binlog tail -u repl -p --start earliest --stop-at-end -f sql > replay.sql",
            "  binlog tail -u repl -p --position-file tail.pos --types insert,delete",
            "  binlog tail -u repl -p --snapshot 'shop.*' --snapshot-mode incremental \\",
            "      --include 'shop.*' --position-file copy.pos -f sql | mariadb copy",
            "  binlog tail -u repl -p --start mysql-bin.000042:4 \\",
            "      --stop-at @2026-11-23T10:05:00Z --format flashback > undo.sql",
            "  binlog tail -u repl -p --include 'shop.*' --kafka kafka1:9092 --topic-prefix shop \\",
            "      --position-file shop.pos",
            "  binlog tail -u repl -p --include 'shop.*' --kafka kafka1:9092 --topic-prefix shop \\",
            "      --kafka-format maxwell --exactly-once --kafka-property security.protocol=SSL",
            "",
            "Exit status: 0 success, 2 usage error, 1 any other error."})
final class TailCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final long SHUTDOWN_GRACE_SECONDS = 5;

    @Spec
    CommandSpec spec;

    @ParentCommand
    BinlogCli parent;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--start", paramLabel = "WHERE", defaultValue = "latest",
            converter = StartPositionConverter.class,
            description = "Where to start when no position file says otherwise: earliest, latest, FILE:POS"
                    + " (a transaction boundary, such as the position of a JSON line), a GTID set (uuid:1-5, MariaDB"
                    + " 0-1-42) or @ISO-8601-time (default: ${DEFAULT-VALUE}).")
    StartPosition start;

    @Option(names = "--stop-at-end",
            description = "Exit (status 0) at the end of the server's current binary log instead of waiting.")
    boolean stopAtEnd;

    @Option(names = "--stop-at", paramLabel = "WHERE", converter = StopCondition.Converter.class,
            description = "Exit before the first event at or beyond FILE:POS, or later than @time.")
    StopCondition stopAt;

    @Mixin
    FilterOptions filter;

    @Mixin
    SnapshotOptions snapshot;

    @Option(names = "--position-file", paramLabel = "FILE",
            description = "Resume from the position saved in FILE when it exists; save it after each transaction's"
                    + " output was written (atomically, fsync'd); with --kafka, once the broker acknowledged the"
                    + " transaction's records (at least once: a crash can publish the last transaction again)."
                    + " Not with --exactly-once, which keeps the position in Kafka.")
    Path positionFile;

    @Mixin
    OutputOptions output;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    EventSizeOption eventSize;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        kafka.check(spec.commandLine());
        if (kafka.enabled()) {
            checkKafkaOptions();
        }
        if (output.format.needsEnd() && !stopAtEnd && stopAt == null) {
            throw new ParameterException(spec.commandLine(), "--format flashback prints only when the stream ends:"
                    + " add --stop-at-end or --stop-at");
        }
        if (output.format.needsEnd() && positionFile != null) {
            throw new ParameterException(spec.commandLine(), "--position-file cannot be used with --format flashback:"
                    + " positions would be saved before the undo statements are written");
        }
        snapshot.check(spec.commandLine());
        if (snapshot.requested()) {
            checkSnapshotOptions();
        }
        PrintWriter err = spec.commandLine().getErr();
        StatementLoggedChanges statements = new StatementLoggedChanges();
        SelectionSummary summary = filter.summary(statements);
        try (AutoCloseable log = logging.apply(err, statements)) {
            if (kafka.enabled()) {
                publish(summary);
            } else {
                stream(summary);
            }
        }
        for (String line : summary.lines()) {
            err.println("binlog: " + line);
        }
        err.flush();
        return 0;
    }

    private void checkKafkaOptions() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String printing : new String[] {"--format", "--positional-columns"}) {
            if (parsed.hasMatchedOption(printing)) {
                throw new ParameterException(spec.commandLine(), printing + " cannot be used with --kafka: the"
                        + " records are Kafka's JSON (--kafka-format debezium or maxwell), and nothing is printed");
            }
        }
        if (kafka.exactlyOnce() && positionFile != null) {
            throw new ParameterException(spec.commandLine(), "--position-file cannot be used with --exactly-once:"
                    + " the position is kept in Kafka, in the topic " + kafka.offsetsTopic() + ", committed with the"
                    + " records");
        }
    }

    private void checkSnapshotOptions() {
        if (output.format.needsEnd()) {
            throw new ParameterException(spec.commandLine(), "--snapshot cannot be used with --format flashback: a"
                    + " copied row has no change to undo");
        }
        // the dump's end comes before the stream has taken up the copy, which then delivers nothing
        if (snapshot.incremental() && stopAtEnd) {
            throw new ParameterException(spec.commandLine(), "--stop-at-end cannot be used with --snapshot-mode"
                    + " incremental: the copy runs while the stream flows, and the end of the binary log comes first;"
                    + " use --stop-at, or end the run (Ctrl-C) once the copy is done");
        }
        if (!filter.types.isEmpty() && !filter.types.contains(ChangeType.READ)) {
            filter.types.add(ChangeType.READ);
        }
    }

    private void stream(SelectionSummary summary) throws Exception {
        TableFilter tableFilter = filter.toFilter();
        PositionStore positions = positionFile == null ? PositionStore.inMemory() : PositionStore.file(positionFile);
        ChangeFormatter formatter = snapshot.incremental()
                ? output.format.formatter(new CheckedOutput(spec.commandLine().getOut()), new RowColumnInfo(),
                        output.positionalColumns, new IncrementalCopy(resumedTable(positions)))
                : output.format.formatter(new CheckedOutput(spec.commandLine().getOut()), new RowColumnInfo(),
                        output.positionalColumns);
        CountDownLatch stopRequested = new CountDownLatch(1);
        SnapshotProgress progress = snapshot.requested() && !snapshot.noProgress && parent.terminal()
                ? new SnapshotProgress(spec.commandLine().getErr(), System::nanoTime) : null;
        ChangePrinter printer = new ChangePrinter(formatter, tableFilter, stopAt, stopRequested::countDown,
                progress == null ? change -> { } : progress::row, summary);
        if (progress != null) {
            printer.withSnapshotProgress(progress);
        }
        BinlogClient.Builder builder = connection.configure(BinlogClient.builder(), parent.environment())
                .startPosition(start)
                .filter(filter.toStreamFilter())
                .stopAtEnd(stopAtEnd)
                .snapshot(snapshot.settings())
                .positionStore(new OutputFirstPositionStore(positions, printer::writeCopiedRows))
                .listener(printer);
        run(builder, stopRequested, client -> { }, formatter::finish, () -> { });
    }

    /** {@code --kafka}: the stream goes to the Kafka sink; standard output stays empty. */
    private void publish(SelectionSummary summary) throws Exception {
        TableFilter tableFilter = filter.toFilter();
        PositionStore configured = kafka.exactlyOnce() ? null
                : positionFile == null ? PositionStore.inMemory() : PositionStore.file(positionFile);
        CountDownLatch stopRequested = new CountDownLatch(1);
        SnapshotProgress progress = snapshot.requested() && !snapshot.noProgress && parent.terminal()
                ? new SnapshotProgress(spec.commandLine().getErr(), System::nanoTime) : null;
        // the stream delivers exactly the selection: the sink checks the keys of what the client's filter lets
        // through, and the system schemas (whose tables may lack a primary key) are not published
        BinlogClient.Builder builder = connection.configure(BinlogClient.builder(), parent.environment())
                .startPosition(start)
                .filter(tableFilter)
                .stopAtEnd(stopAtEnd)
                .snapshot(snapshot.settings());
        KafkaSink sink = kafka.sink(spec.commandLine());
        PublishingListener listener = new PublishingListener(sink, tableFilter, stopAt, stopRequested::countDown,
                progress == null ? change -> { } : progress::row, summary);
        if (progress != null) {
            listener.withSnapshotProgress(progress);
        }
        builder.positionStore(listener.positionStore(sink.positionStore(configured))).listener(listener);
        run(builder, stopRequested, client -> sink.checkTables(client.settings()), () -> { }, sink);
    }

    /** A step that may fail. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs the client until the stream ends, fails, or the stop condition is reached: {@code check} before it starts,
     * {@code finish} after a clean end, and {@code resource} closed after the client, before a shutdown hook lets the
     * JVM exit.
     */
    private void run(BinlogClient.Builder builder, CountDownLatch stopRequested, Consumer<BinlogClient> check,
            Step finish, AutoCloseable resource) throws Exception {
        if (eventSize.value() != null) {
            builder.maxEventSize(eventSize.value());
        }
        CountDownLatch finished = new CountDownLatch(1);
        try {
            try (AutoCloseable last = resource; BinlogClient client = builder.build()) {
                check.accept(client);
                // Ctrl-C ends the stream cleanly: the row in hand is finished and held-back output written
                Thread hook = new Thread(() -> {
                    client.close();
                    awaitQuietly(finished);
                }, "binlog-tail-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    client.start();
                    while (!client.awaitTermination(POLL)) {
                        if (stopRequested.getCount() == 0) {
                            client.close();
                        }
                    }
                    if (client.state() == ClientState.FAILED) {
                        Throwable error = client.lastError().orElse(null);
                        if (error instanceof Exception exception) {
                            throw exception;
                        }
                        throw new IllegalStateException("the stream failed"
                                + (error == null ? "" : ": " + error.getMessage()), error);
                    }
                    finish.run();
                } finally {
                    removeQuietly(hook);
                }
            }
        } finally {
            finished.countDown();
        }
    }

    /** The table a saved incremental snapshot was copying, or {@code null}. */
    private static String resumedTable(PositionStore positions) {
        return positions.load().map(BinlogPosition::snapshot).map(SnapshotCheckpoint::table).orElse(null);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; nothing to remove
        }
    }
}
