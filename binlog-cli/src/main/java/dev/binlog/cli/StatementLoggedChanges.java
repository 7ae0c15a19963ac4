package dev.binlog.cli;

import dev.binlog.cli.logging.LogObserver;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * Counts the data changes the server logged as statements (binlog_format=STATEMENT or MIXED), whose rows cannot be
 * printed. binlog-core reports them only in its log, one WARN per statement naming file and position, so this reads
 * those records; the CLI then prints one summary line instead of thousands of warnings.
 */
final class StatementLoggedChanges implements LogObserver {

    static final String LOGGER = "dev.binlog.stream.EventDispatcher";
    static final String MARKER = "logged as a statement";

    private long count;
    private String first;

    @Override
    public synchronized void logged(String logger, Level level, String pattern, Object[] arguments) {
        if (!LOGGER.equals(logger) || pattern == null || !pattern.contains(MARKER)) {
            return;
        }
        count++;
        if (first == null && arguments.length >= 2) {
            first = arguments[0] + ":" + arguments[1];
        }
    }

    synchronized long count() {
        return count;
    }

    /** The summary line, when there was any such change. */
    synchronized Optional<String> summary() {
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(count + (count == 1 ? " data change was logged as a statement" : " data changes were"
                + " logged as statements") + ", not as rows (binlog_format=STATEMENT or MIXED), and cannot be printed;"
                + " the first at " + (first == null ? "an unknown position" : first));
    }
}
