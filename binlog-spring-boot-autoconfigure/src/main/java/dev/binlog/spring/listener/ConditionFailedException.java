package dev.binlog.spring.listener;

import dev.binlog.BinlogException;

/** A listener's condition could not be evaluated on a change; that listener's failure, never retried. */
public final class ConditionFailedException extends BinlogException {

    ConditionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
