package dev.binlog.event.decode;

import dev.binlog.Column;
import dev.binlog.event.JsonDiff;
import java.util.List;

/** Applies the JSON diffs of a PARTIAL_UPDATE_ROWS after image to the before value, giving the full new value. */
@FunctionalInterface
public interface JsonDiffApplier {

    /**
     * @param before the column's value in the before image, as the {@link ColumnValueReader} gave it
     * @param diffs  the logged changes, in order
     * @param column the JSON column
     * @return the column's full value after the update, in the same representation as {@code before}
     */
    Object apply(Object before, List<JsonDiff> diffs, Column column);
}
