package dev.binlog;

import java.time.Instant;
import java.util.Map;

/**
 * Counters of a stream since it was built, as a snapshot.
 *
 * @param events          events received, by event type name (e.g. {@code WRITE_ROWS}, {@code XID})
 * @param rows            rows delivered to the listener, by change type
 * @param transactions    transactions committed to the listener
 * @param reconnects      connections replaced after a fault
 * @param positionCommits positions saved to the store
 * @param lastEventAt     when the last event arrived (local clock), or {@code null}
 */
public record StreamStatistics(Map<String, Long> events, Map<ChangeType, Long> rows, long transactions,
        long reconnects, long positionCommits, Instant lastEventAt) {
}
