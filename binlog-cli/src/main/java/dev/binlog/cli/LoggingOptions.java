package dev.binlog.cli;

import dev.binlog.cli.logging.CliLogging;
import dev.binlog.cli.logging.LogObserver;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --verbose}: binlog-core's log on standard error, which otherwise carries only the CLI's own lines. */
final class LoggingOptions {

    @Option(names = "--verbose",
            description = "Also show the library's log on standard error (INFO and above, with stack traces).")
    boolean verbose;

    /** Routes the log for one command run; closing restores the silent default. */
    AutoCloseable apply(PrintWriter err, LogObserver observer) {
        CliLogging.verbose(verbose ? err : null);
        CliLogging.observe(observer);
        return () -> {
            CliLogging.observe(LogObserver.NONE);
            CliLogging.verbose(null);
        };
    }
}
