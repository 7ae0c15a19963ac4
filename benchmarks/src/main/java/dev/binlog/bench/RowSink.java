package dev.binlog.bench;

/**
 * Receives every row image a decoder produced (an UPDATE gives two: before, then after), so that each benchmark
 * touches every value and the differential check can compare them.
 */
@FunctionalInterface
public interface RowSink {

    /** One row image: a value per column of the table, SQL NULL as {@code null}. Only valid during the call. */
    void row(Object[] values);
}
