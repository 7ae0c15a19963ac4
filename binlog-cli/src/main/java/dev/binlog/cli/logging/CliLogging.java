package dev.binlog.cli.logging;

import java.io.PrintWriter;
import java.util.Objects;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/**
 * Where the log of binlog-core goes in the CLI. By default nowhere: standard error carries only the CLI's own one-line
 * messages. {@link #verbose} shows INFO and above, stack traces included. Whatever the setting, every record is first
 * shown to the {@link LogObserver} installed, which is how the CLI learns of things core reports only in its log.
 */
public final class CliLogging {

    private static volatile PrintWriter verboseTarget;
    private static volatile LogObserver observer = LogObserver.NONE;

    private CliLogging() {
    }

    /** Shows log records of INFO and above on {@code err}, or none again for {@code null}. */
    public static void verbose(PrintWriter err) {
        verboseTarget = err;
    }

    /** Receives every record from now on (one observer at a time; {@link LogObserver#NONE} to remove it). */
    public static void observe(LogObserver value) {
        observer = Objects.requireNonNull(value);
    }

    static boolean enabled(Level level) {
        return verboseTarget != null ? level.toInt() >= Level.INFO.toInt() : level.toInt() >= Level.WARN.toInt();
    }

    static void log(String logger, Level level, String pattern, Object[] arguments, Throwable error) {
        observer.logged(logger, level, pattern, arguments);
        PrintWriter target = verboseTarget;
        if (target == null || level.toInt() < Level.INFO.toInt()) {
            return;
        }
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        synchronized (target) {
            target.println("binlog: [" + level + "] " + logger + " - " + message);
            if (error != null) {
                error.printStackTrace(target);
            }
            target.flush();
        }
    }
}
