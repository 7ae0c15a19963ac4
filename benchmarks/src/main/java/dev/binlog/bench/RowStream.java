package dev.binlog.bench;

import java.util.function.LongConsumer;

/** A replication client under test, streaming the {@code bench.e2e} inserts from a file and offset. */
interface RowStream extends AutoCloseable {

    /** Which client, for the report. */
    String name();

    /** Connects and streams from {@code file}:{@code position}; each inserted row's id goes to {@code onRow}. */
    void start(String file, long position, LongConsumer onRow) throws Exception;

    @Override
    void close() throws Exception;
}
