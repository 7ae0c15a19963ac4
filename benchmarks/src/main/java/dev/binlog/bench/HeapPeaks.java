package dev.binlog.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** What a probe JVM reports of its heap: the sum of the heap pools' peaks, and what is left after a full GC. */
record HeapPeaks(long peak, long afterGc) {

    static HeapPeaks read() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        return new HeapPeaks(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
}
