package dev.binlog.bench;

import dev.binlog.ChangeListener;
import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotMode;
import dev.binlog.stream.SnapshotSettings;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Run in a JVM of its own with a small {@code -Xmx}: our client's {@link SnapshotMode#INITIAL_ONLY} copy of one table
 * into a listener that touches every value, and the peak heap the JVM saw (sum of the heap pools' peak usage, as in
 * {@link MemoryProbe}). Prints one {@code snapshot-probe} line: rows, seconds from {@code start()} to the client
 * stopping, seconds from the table's first row to its {@code TABLE_FINISHED}, the JVM's CPU seconds over the run (all
 * its threads: close to the wall time means the client is the bottleneck, well below it the server), peak heap, heap
 * after a final GC.
 *
 * <p>Arguments: host port user password table (schema.table) chunk-size.
 */
public final class SnapshotProbe {

    private SnapshotProbe() {
    }

    public static void main(String[] args) throws Exception {
        Touch touch = new Touch();
        try (BinlogClient client = BinlogClient.builder().host(args[0]).port(Integer.parseInt(args[1]))
                .user(args[2]).password(args[3]).tlsMode(TlsMode.DISABLED)
                .startPosition(StartPosition.latest()).positionStore(PositionStore.inMemory())
                .filter(TableFilter.builder().include(args[4]).build())
                .snapshot(SnapshotSettings.of(SnapshotMode.INITIAL_ONLY).withChunkSize(Integer.parseInt(args[5])))
                .listener(touch).build()) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            client.start();
            boolean stopped = client.awaitTermination(Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            String error = !stopped ? "not_finished_after_10_min"
                    : client.state() != ClientState.STOPPED || touch.finished == 0
                            ? client.state() + ":" + client.lastError().map(Throwable::toString).orElse("") : "";
            HeapPeaks heap = HeapPeaks.read();
            System.out.printf("snapshot-probe rows=%d tableRows=%d valueBytes=%d seconds=%.3f copySeconds=%.3f"
                    + " cpuSeconds=%.3f maxHeap=%d peakHeap=%d heapAfterGc=%d error=%s%n", touch.rows, touch.tableRows,
                    touch.bytes, seconds, (touch.finished - touch.first) / 1e9, cpuSeconds,
                    Runtime.getRuntime().maxMemory(), heap.peak(), heap.afterGc(), error.replace(' ', '_'));
        }
        System.exit(0);
    }

    /**
     * Reads every value as a user would (the same work mariadb-dump does when it formats a row, and Debezium when it
     * builds a record), keeping only a running size so nothing is retained.
     */
    private static final class Touch implements ChangeListener {
        long rows;
        long bytes;
        long tableRows;
        long first;
        long finished;

        @Override
        public void onChange(RowChange change) {
            if (rows++ == 0) {
                first = System.nanoTime();
            }
            var after = change.after();
            for (int i = 0; i < after.size(); i++) {
                Object value = after.get(i);
                bytes += value == null ? 0 : value instanceof String s ? s.length()
                        : value instanceof byte[] b ? b.length : value instanceof BigDecimal d ? d.precision() : 8;
            }
        }

        @Override
        public void onSnapshot(SnapshotMarker marker) {
            if (marker.kind() == SnapshotMarker.Kind.TABLE_FINISHED) {
                tableRows = marker.rows();
                finished = System.nanoTime();
            }
        }
    }
}
