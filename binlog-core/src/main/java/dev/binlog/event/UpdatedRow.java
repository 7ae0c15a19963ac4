package dev.binlog.event;

import java.util.Map;

/**
 * One updated row: its before and after images.
 *
 * @param before    the row before the update
 * @param after     the row after the update; for a PARTIAL_UPDATE_ROWS event, partially updated JSON columns hold
 *                  the full new document (the diff applied to the before value)
 * @param jsonDiffs for PARTIAL_UPDATE_ROWS: column index → the JSON diff as logged; empty otherwise
 */
public record UpdatedRow(RowImage before, RowImage after, Map<Integer, Object> jsonDiffs) {

    public UpdatedRow {
        jsonDiffs = Map.copyOf(jsonDiffs);
    }

    public UpdatedRow(RowImage before, RowImage after) {
        this(before, after, Map.of());
    }
}
