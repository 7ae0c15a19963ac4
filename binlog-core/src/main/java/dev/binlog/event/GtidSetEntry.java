package dev.binlog.event;

import java.util.List;
import java.util.UUID;

/**
 * The transactions of one source (and tag) in a GTID set.
 *
 * @param sourceId  server UUID
 * @param tag       GTID tag, or {@code null} for untagged transactions
 * @param intervals transaction number ranges, ascending
 */
public record GtidSetEntry(UUID sourceId, String tag, List<GtidInterval> intervals) {

    public GtidSetEntry {
        intervals = List.copyOf(intervals);
    }
}
