package dev.binlog.cli.logging;

import org.slf4j.event.Level;

/** Sees the log records of WARN and above (INFO too with {@code --verbose}), before they are shown or dropped. */
@FunctionalInterface
public interface LogObserver {

    /** Sees nothing. */
    LogObserver NONE = (logger, level, pattern, arguments) -> { };

    /**
     * @param logger    the logger's name, e.g. {@code dev.binlog.stream.EventDispatcher}
     * @param pattern   the message pattern, with {@code {}} placeholders
     * @param arguments the placeholders' values (may be empty)
     */
    void logged(String logger, Level level, String pattern, Object[] arguments);
}
