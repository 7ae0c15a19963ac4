package dev.binlog.spring.autoconfigure;

import dev.binlog.spring.listener.InvalidListenerException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A {@code @BinlogListener} that cannot be served (signature, condition, error handler name, a row type that does not
 * fit a table) as Spring Boot's "APPLICATION FAILED TO START" description instead of a stack trace.
 */
final class InvalidListenerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidListenerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidListenerException cause) {
        if (cause instanceof InvalidSinkException) {
            return new FailureAnalysis(cause.getMessage(), "Configure the sink as the description says, or leave "
                    + "the table out of binlog.filter.", cause);
        }
        return new FailureAnalysis(cause.getMessage(), "Change the @BinlogListener method, its condition, its "
                + "errorHandler or its row type as the description says (binlog.listener.validate=warn or off relaxes "
                + "the check against the server's tables).", cause);
    }
}
