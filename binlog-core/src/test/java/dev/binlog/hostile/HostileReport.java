package dev.binlog.hostile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per hostile case in {@code target/hostile-report.txt}: what the client ended with, how long it took and
 * the heap's peak while it ran (the sum of the heap pools' peaks, reset before the case, so an upper bound that
 * includes the fake server in the same JVM).
 */
final class HostileReport {

    private static final Logger LOG = LoggerFactory.getLogger(HostileReport.class);
    static final Path FILE = Path.of("target", "hostile-report.txt");

    private HostileReport() {
    }

    static void begin() throws IOException {
        Files.createDirectories(FILE.getParent());
        String head = String.format(Locale.ROOT, "# hostile-server suite, max heap %d MiB%n# %-34s %-42s %9s %10s  %s%n",
                Runtime.getRuntime().maxMemory() >> 20, "case", "outcome", "elapsed", "peak heap", "message");
        Files.writeString(FILE, head, StandardCharsets.UTF_8);
    }

    /** Forgets earlier peaks so that the next reading is this case's. */
    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static void line(String name, String outcome, long elapsedMillis, long peakBytes, String message) {
        String oneLine = message == null ? "" : message.replaceAll("\\s+", " ");
        if (oneLine.length() > 300) {
            oneLine = oneLine.substring(0, 300) + "...";
        }
        String line = String.format(Locale.ROOT, "%-36s %-42s %6d ms %6.1f MiB  %s%n", name, outcome, elapsedMillis,
                peakBytes / 1048576.0, oneLine);
        LOG.info("hostile case {}", line.trim());
        try {
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", FILE, e.toString());
        }
    }
}
