package dev.binlog.spring.autoconfigure;

import dev.binlog.AuthenticationException;
import dev.binlog.BinlogException;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionNotFoundException;
import dev.binlog.ProtocolException;
import dev.binlog.spring.listener.InvalidListenerException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A binlog error that stopped the application's start (with {@code binlog.fail-fast=true}, or a configuration the
 * starter cannot use) as Spring Boot's "APPLICATION FAILED TO START" description, with what to do by kind of error.
 * An unusable listener is {@link InvalidListenerFailureAnalyzer}'s, whose action names the listener's parts.
 */
final class BinlogFailureAnalyzer extends AbstractFailureAnalyzer<BinlogException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BinlogException cause) {
        if (findCause(rootFailure, InvalidListenerException.class) != null) {
            return null;
        }
        return new FailureAnalysis(cause.getMessage(), action(cause), cause);
    }

    private static String action(BinlogException failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BinlogException) {
                root = t;
            }
        }
        String background = " Or set binlog.fail-fast=false: the application then starts with health DOWN and "
                + "connects when it can.";
        if (root instanceof AuthenticationException) {
            return "Check binlog.username and binlog.password, and that the user has REPLICATION SLAVE, "
                    + "REPLICATION CLIENT and SELECT." + background;
        }
        if (root instanceof PositionNotFoundException) {
            return "Choose a position the server still has (binlog.start-position), or remove the stored one.";
        }
        if (root instanceof ConfigurationException) {
            return "Change the setting the description names.";
        }
        if (root instanceof ProtocolException) {
            return "Check binlog.host and binlog.port and that the server is running and reachable." + background;
        }
        return "Check the binlog.* settings against the server." + background;
    }
}
