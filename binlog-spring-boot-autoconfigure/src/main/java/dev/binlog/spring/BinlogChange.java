package dev.binlog.spring;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import java.util.Set;

/**
 * A row change with its images mapped to {@code T}.
 *
 * @param type           INSERT, UPDATE or DELETE
 * @param schema         database
 * @param table          table
 * @param before         the row before (UPDATE, DELETE), else {@code null}
 * @param after          the row after (INSERT, UPDATE), else {@code null}
 * @param changedColumns for UPDATE, the columns whose value changed
 * @param metadata       position, GTID, time
 * @param <T>            the mapped row type
 */
public record BinlogChange<T>(ChangeType type, String schema, String table, T before, T after,
        Set<String> changedColumns, ChangeMetadata metadata) {

    /** The after image, or the before image for a DELETE. */
    public T row() {
        return after != null ? after : before;
    }
}
