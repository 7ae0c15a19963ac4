package dev.binlog.cli.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/** An SLF4J logger that hands its records to {@link CliLogging}. */
final class CliLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    CliLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return CliLogging.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return CliLogging.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return CliLogging.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return CliLogging.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return CliLogging.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable error) {
        CliLogging.log(name, level, pattern, arguments == null ? new Object[0] : arguments, error);
    }
}
