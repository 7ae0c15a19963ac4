package dev.binlog.spring;

import dev.binlog.RowChange;

/**
 * Decides what happens when a listener method throws, after its retries: rethrow to stop the stream (nothing is
 * skipped), or return to skip the change. {@code change} is {@code null} when the failure is not about one row: a
 * per-transaction ({@code List<BinlogChange<T>>}) or {@link OnCommit @OnCommit} listener, or an
 * {@link OnSchemaChange @OnSchemaChange} listener (the exception's message names the transaction or statement).
 */
@FunctionalInterface
public interface BinlogErrorHandler {

    void handle(String listenerId, RowChange change, Exception error) throws Exception;
}
