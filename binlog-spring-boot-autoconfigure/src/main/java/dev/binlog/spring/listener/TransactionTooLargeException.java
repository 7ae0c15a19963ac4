package dev.binlog.spring.listener;

import dev.binlog.BinlogException;

/**
 * A transaction has more rows than a per-transaction listener may buffer ({@code binlog.listener.max-transaction-rows});
 * that listener's failure, never retried: the other listeners receive the transaction as usual.
 */
public final class TransactionTooLargeException extends BinlogException {

    TransactionTooLargeException(String message) {
        super(message);
    }
}
