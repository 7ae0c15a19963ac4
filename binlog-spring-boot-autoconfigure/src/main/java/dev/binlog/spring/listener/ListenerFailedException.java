package dev.binlog.spring.listener;

import dev.binlog.BinlogException;
import dev.binlog.RowChange;

/** A listener method failed for good; the stream stops so that nothing is skipped. */
public final class ListenerFailedException extends BinlogException {

    ListenerFailedException(String listenerId, RowChange change, String transaction, Exception cause) {
        super("listener " + listenerId + " failed" + (change == null ? " on the transaction " + transaction : " on "
                + change.type() + " " + change.qualifiedTable() + " at " + change.metadata().binlogFile() + ":"
                + change.metadata().position()) + ": " + cause + "; the stream stopped so that nothing is skipped"
                + " (set binlog.error-handling.mode=skip to log and skip instead)", cause);
    }

    /** @param what what the listener failed on, e.g. {@code the schema change 'DROP TABLE t' at mysql-bin.000003:4} */
    ListenerFailedException(String listenerId, String what, Exception cause) {
        super("listener " + listenerId + " failed on " + what + ": " + cause + "; the stream stopped so that nothing"
                + " is skipped (set binlog.error-handling.mode=skip to log and skip instead)", cause);
    }
}
