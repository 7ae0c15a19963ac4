package dev.binlog.bench;

import java.util.List;
import java.util.Map;

/** What the end-to-end runs measured. */
public record EndToEndResults(List<Throughput> throughput, List<Latency> latency, List<CatchUp> catchUp,
        List<Map<String, Object>> memory) {

    /**
     * Rows committed in batches of {@code batch} per transaction, as fast as the server commits them.
     *
     * @param writerRowsPerS rows/s the writer committed
     * @param clientRowsPerS rows/s from the writer's start to the last row reaching the listener
     * @param lagMs          from the last commit to the last row reaching the listener
     */
    public record Throughput(String client, int batch, long rows, double writerRowsPerS, double clientRowsPerS,
                             double lagMs) {
    }

    /**
     * Commit-to-listener latency at a fixed rate: from the writer's commit returning to the listener receiving the
     * row (rows that arrive before the commit call returned count as 0).
     */
    public record Latency(String client, int rowsPerS, int rowsPerTransaction, long rows, double p50Ms, double p99Ms,
                          double p999Ms, double maxMs, long arrivedBeforeCommitReturned) {
    }

    /**
     * Streaming a closed binlog file of {@code rows} rows that already exists: {@code startSeconds} from the start call
     * to the first row (connecting, preflight), {@code streamingSeconds} from the first row to the last. Client
     * {@code mariadb-binlog} is the server's raw dump of the same file, the ceiling (start included).
     */
    public record CatchUp(String client, long rows, long bytes, double startSeconds, double streamingSeconds) {
    }
}
