package dev.binlog.cli;

import dev.binlog.cli.logging.LogObserver;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.event.Level;

/**
 * Counts the data changes the server logged as statements (binlog_format=STATEMENT or MIXED), whose rows cannot be
 * printed. binlog-core reports them only in its log, one WARN per statement of a selected table naming file, position
 * and table, so this reads those records; the CLI then prints one summary line instead of thousands of warnings.
 */
final class StatementLoggedChanges implements LogObserver {

    static final String LOGGER = "dev.binlog.stream.EventDispatcher";
    static final String MARKER = "logged as a statement";
    private static final int MAX_TABLES_NAMED = 20;

    private long count;
    private String first;
    private final Set<String> tables = new TreeSet<>();

    @Override
    public synchronized void logged(String logger, Level level, String pattern, Object[] arguments) {
        if (!LOGGER.equals(logger) || pattern == null || !pattern.contains(MARKER)) {
            return;
        }
        count++;
        if (first == null && arguments.length >= 2) {
            first = arguments[0] + ":" + arguments[1];
        }
        if (arguments.length >= 3 && tables.size() < MAX_TABLES_NAMED) {
            tables.add(String.valueOf(arguments[2]));
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
                + " the first at " + (first == null ? "an unknown position" : first)
                + (tables.isEmpty() ? "" : "; tables: " + String.join(", ", tables)
                        + (tables.size() == MAX_TABLES_NAMED ? ", ..." : "")));
    }
}
