package dev.binlog.spring;

import dev.binlog.RowChange;

/**
 * Decides what happens when a listener method throws, after its retries: rethrow to stop the stream (nothing is
 * skipped), or return to skip the change.
 */
@FunctionalInterface
public interface BinlogErrorHandler {

    void handle(String listenerId, RowChange change, Exception error) throws Exception;
}
