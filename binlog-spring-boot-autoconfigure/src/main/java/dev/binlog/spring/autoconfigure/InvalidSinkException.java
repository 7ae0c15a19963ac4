package dev.binlog.spring.autoconfigure;

import dev.binlog.spring.listener.InvalidListenerException;

/**
 * A {@link BinlogSink} that does not fit the server's tables (the Kafka sink and a table without a primary key or key
 * columns): like a listener that does not fit them, it fails the start and is not retried.
 */
final class InvalidSinkException extends InvalidListenerException {

    InvalidSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
