package dev.binlog.cli;

import dev.binlog.cli.format.CannotRenderException;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code binlog} command: {@code tail} streams a server's row changes, {@code read} reads binlog files, both as
 * JSON lines, SQL or flashback SQL. Exit status 0 on success, 2 on a usage error, 1 on any other error.
 */
@Command(name = "binlog", mixinStandardHelpOptions = true, versionProvider = BinlogCli.Version.class,
        description = "Print the row changes of a MySQL or MariaDB server, or of its binary log files.",
        subcommands = {TailCommand.class, ReadCommand.class, GenerateCompletion.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  binlog tail -u repl --password-env REPL_PW --include shop.orders",
            "  binlog read --format sql mysql-bin.000042",
            "  source <(binlog generate-completion)    # tab completion in bash or zsh",
            "",
            "Exit status: 0 success, 2 usage error, 1 any other error."})
public final class BinlogCli implements Runnable {

    /** Exit status of a usage error. */
    public static final int USAGE = 2;
    /** Exit status of any other error. */
    public static final int FAILURE = 1;

    @Spec
    CommandSpec spec;

    private final UnaryOperator<String> environment;
    private final boolean terminal;

    /** The command as run from a shell. */
    public BinlogCli() {
        this(System::getenv, System.console() != null);
    }

    /**
     * @param environment looks up environment variables ({@code --password-env})
     * @param terminal    whether standard error is a terminal, for {@code read}'s progress bar
     */
    BinlogCli(UnaryOperator<String> environment, boolean terminal) {
        this.environment = environment;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // a failure on another thread (the stream's, a shutdown hook) is one line too, never a stack trace
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            err.println("binlog: " + message(e));
            err.flush();
        });
        int status = execute(new BinlogCli(), out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the command line {@code args}, writing to {@code out} and {@code err}; returns the exit status. */
    static int execute(BinlogCli root, PrintWriter out, PrintWriter err, String... args) {
        Secrets secrets = Secrets.fromArguments(args);
        CommandLine commandLine = commandLine(root, out, err, secrets);
        try {
            return commandLine.execute(args);
        } catch (Error e) {
            // picocli hands an Error (out of memory, stack overflow) on as it is: it gets one line too
            err.println(secrets.redact(commandName(commandLine) + ": " + message(e)));
            err.flush();
            return FAILURE;
        }
    }

    /** {@code binlog tail}: the command that ran, for the one line an Error gets. */
    private static String commandName(CommandLine commandLine) {
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        String name = commandLine.getCommandSpec().qualifiedName();
        while (parsed != null && parsed.subcommand() != null) {
            parsed = parsed.subcommand();
            name = parsed.commandSpec().qualifiedName();
        }
        return name;
    }

    static CommandLine commandLine(BinlogCli root, PrintWriter out, PrintWriter err, Secrets secrets) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName();
            failed.getErr().println(secrets.redact(name + ": " + e.getMessage() + " (see '" + name + " --help')"));
            failed.getErr().flush();
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println(secrets.redact(failed.getCommandSpec().qualifiedName() + ": " + message(e)));
            failed.getErr().flush();
            return FAILURE;
        });
        return commandLine;
    }

    /** The one line for {@code e}: its message, or what to do about an Error the stream may wrap. */
    static String message(Throwable e) {
        // the stream may wrap what the CLI itself refused; that message is the one that says what to do
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotRenderException refusal) {
                return refusal.getMessage();
            }
            if (cause instanceof OutOfMemoryError) {
                return "out of memory (" + cause.getMessage() + "): give the JVM more heap, e.g."
                        + " BINLOG_JAVA_OPTS=-Xmx2g, or lower --max-event-size (the largest event held in memory,"
                        + " 1GiB by default)";
            }
            if (cause instanceof StackOverflowError) {
                return "stack overflow (a value nested too deeply?): give the JVM larger thread stacks, e.g."
                        + " BINLOG_JAVA_OPTS=-Xss16m";
            }
            if (cause instanceof Error error) {
                return "internal error " + error.getClass().getName() + (error.getMessage() == null ? ""
                        : ": " + error.getMessage().replace('\n', ' ')) + "; please report it (--verbose shows the"
                        + " library's log)";
            }
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return CliHints.rewrite(message.replace('\n', ' '));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: use tail or read");
    }

    UnaryOperator<String> environment() {
        return environment;
    }

    boolean terminal() {
        return terminal;
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BinlogCli.class.getPackage().getImplementationVersion();
            return new String[] {"binlog " + (version == null ? "(development build)" : version)};
        }
    }
}
