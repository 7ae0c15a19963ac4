package dev.binlog.bench;

import dev.binlog.ClientState;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a JVM of its own with a small {@code -Xmx}: streams the rows of one table from a position with our client
 * until {@code rows} arrived, touching every value, and prints the peak heap the JVM saw (sum of the heap pools' peak
 * usage: an upper bound of the live heap, since it includes garbage not yet collected) and the heap after a final GC.
 *
 * <p>Arguments: host port user password file position table rows.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[7]);
        AtomicLong seen = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        try (BinlogClient client = BinlogClient.builder().host(args[0]).port(Integer.parseInt(args[1]))
                .user(args[2]).password(args[3]).tlsMode(TlsMode.DISABLED)
                .startPosition(StartPosition.at(args[4], Long.parseLong(args[5])))
                .filter(TableFilter.builder().include(args[6]).build())
                .listener(change -> {
                    for (int i = 0; i < change.after().size(); i++) {
                        Object value = change.after().get(i);
                        bytes.addAndGet(value instanceof byte[] b ? b.length
                                : value instanceof String s ? s.length() : 8);
                    }
                    seen.incrementAndGet();
                }).build()) {
            long start = System.nanoTime();
            client.start();
            long deadline = start + Duration.ofMinutes(3).toNanos();
            while (seen.get() < rows && client.state() != ClientState.FAILED && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String error = client.lastError().filter(e -> client.state() == ClientState.FAILED)
                    .map(Throwable::toString).orElse("");
            HeapPeaks heap = HeapPeaks.read();
            System.out.printf("memory-probe rows=%d valueBytes=%d seconds=%.2f maxHeap=%d peakHeap=%d heapAfterGc=%d"
                    + " error=%s%n", seen.get(), bytes.get(), seconds, Runtime.getRuntime().maxMemory(), heap.peak(),
                    heap.afterGc(), error.replace(' ', '_'));
        }
        System.exit(0);
    }
}
