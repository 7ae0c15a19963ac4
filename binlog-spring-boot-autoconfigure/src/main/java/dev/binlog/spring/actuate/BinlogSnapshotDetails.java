package dev.binlog.spring.actuate;

import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotProgress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest snapshot's progress as health and the {@code binlog} endpoint show it, consistent (state SNAPSHOTTING)
 * or incremental (state STREAMING); empty when the client took none.
 */
final class BinlogSnapshotDetails {

    private BinlogSnapshotDetails() {
    }

    static Optional<Map<String, Object>> of(BinlogClient client, Clock clock) {
        return client.snapshotProgress().map(progress -> details(progress, clock));
    }

    private static Map<String, Object> details(SnapshotProgress progress, Clock clock) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", !progress.finished() ? "copying" : progress.remainingTables() > 0 ? "stopped" : "finished");
        // an incremental snapshot resumed from a saved position has none until the stream reads on
        if (progress.position() != null) {
            details.put("position", progress.position().toString());
        }
        if (progress.table() != null) {
            details.put("table", progress.table());
        }
        details.put("rows", progress.rows());
        details.put("chunks", progress.chunks());
        details.put("tables", progress.tables());
        details.put("remainingTables", progress.remainingTables());
        details.put("estimatedRows", progress.estimatedRows());
        progress.estimatedTimeLeft(clock.instant()).ifPresent(eta -> details.put("etaSeconds", eta.toSeconds()));
        details.put("startedAt", progress.startedAt().toString());
        if (progress.finishedAt() != null) {
            details.put("finishedAt", progress.finishedAt().toString());
        }
        return details;
    }
}
