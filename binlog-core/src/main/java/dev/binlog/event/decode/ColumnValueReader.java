package dev.binlog.event.decode;

import dev.binlog.Column;
import dev.binlog.io.ByteCursor;

/** Reads one non-NULL column value of a row image at the cursor and advances past it. */
@FunctionalInterface
public interface ColumnValueReader {

    Object read(ByteCursor in, Column column);
}
