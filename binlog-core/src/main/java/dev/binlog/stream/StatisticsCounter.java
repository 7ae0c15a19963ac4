package dev.binlog.stream;

import dev.binlog.ChangeType;
import dev.binlog.StreamStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts what a stream did; written by the stream thread, read as snapshots by health and metrics. */
final class StatisticsCounter {

    private final Map<String, LongAdder> events = new ConcurrentHashMap<>();
    private final Map<ChangeType, LongAdder> rows = new EnumMap<>(ChangeType.class);
    private final LongAdder transactions = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder positionCommits = new LongAdder();
    private volatile Instant lastEventAt;
    private final List<String> held = new ArrayList<>();
    private boolean holding;

    StatisticsCounter() {
        for (ChangeType type : ChangeType.values()) {
            rows.put(type, new LongAdder());
        }
    }

    void event(String typeName) {
        if (holding) {
            held.add(typeName);
            return;
        }
        events.computeIfAbsent(typeName, k -> new LongAdder()).increment();
        lastEventAt = Instant.now();
    }

    /** Events from now on wait for {@link #release} or {@link #discard}: they may be our position store's write. */
    void hold() {
        holding = true;
    }

    /** Counts the events held back and stops holding. */
    void release() {
        if (!holding) {
            return;
        }
        holding = false;
        for (String typeName : held) {
            event(typeName);
        }
        held.clear();
    }

    /** Forgets the events held back (they were our own bookkeeping, not traffic) and stops holding. */
    void discard() {
        holding = false;
        held.clear();
    }

    void row(ChangeType type) {
        rows.get(type).increment();
    }

    void transaction() {
        transactions.increment();
    }

    void reconnect() {
        reconnects.increment();
    }

    void positionCommit() {
        positionCommits.increment();
    }

    StreamStatistics snapshot() {
        Map<String, Long> eventCounts = new TreeMap<>();
        events.forEach((type, count) -> eventCounts.put(type, count.sum()));
        Map<ChangeType, Long> rowCounts = new EnumMap<>(ChangeType.class);
        rows.forEach((type, count) -> rowCounts.put(type, count.sum()));
        return new StreamStatistics(Map.copyOf(eventCounts), Map.copyOf(rowCounts), transactions.sum(),
                reconnects.sum(), positionCommits.sum(), lastEventAt);
    }
}
