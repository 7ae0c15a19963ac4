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
}
