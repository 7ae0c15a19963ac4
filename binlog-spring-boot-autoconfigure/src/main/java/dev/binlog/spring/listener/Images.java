package dev.binlog.spring.listener;

import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.spring.mapping.RowMapper;
import java.util.Map;

/**
 * One change as one listener sees it: its before and after images mapped to the listener's row type at most once,
 * shared by the condition and the method's parameters. Maps when the listener takes no row type.
 */
final class Images {

    private final RowChange change;
    private final RowMapper<?> mapper;
    private Object before;
    private Object after;
    private boolean beforeMapped;
    private boolean afterMapped;

    Images(RowChange change, RowMapper<?> mapper) {
        this.change = change;
        this.mapper = mapper;
    }

    RowChange change() {
        return change;
    }

    /** Whether the images are mapped to a row type (else they are column maps). */
    boolean mapsRows() {
        return mapper != null;
    }

    /** Whether images of {@code other} are the ones this holds. */
    boolean mapsWith(RowMapper<?> other) {
        return other == mapper;
    }

    Object before() {
        if (!beforeMapped) {
            before = map(change.before());
            beforeMapped = true;
        }
        return before;
    }

    Object after() {
        if (!afterMapped) {
            after = map(change.after());
            afterMapped = true;
        }
        return after;
    }

    /** The after image, or the before image for a DELETE. */
    Object row() {
        return change.after() != null ? after() : before();
    }

    private Object map(Row row) {
        if (row == null) {
            return null;
        }
        return mapper == null ? row.asMap() : mapper.map(row);
    }

    static Map<String, Object> asMap(Row row) {
        return row == null ? null : row.asMap();
    }
}
