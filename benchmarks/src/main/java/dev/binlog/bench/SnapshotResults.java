package dev.binlog.bench;

import java.util.List;

/**
 * What the snapshot runs measured: each tool copying each table once.
 *
 * @param chunkSize our client's rows per chunk query
 * @param runs      one per table and tool, in the order they ran
 */
public record SnapshotResults(int chunkSize, List<Run> runs) {

    /** How MB/s is computed, the same for every tool. */
    static final String MB_DENOMINATOR = "the table's DATA_LENGTH in information_schema.TABLES after ANALYZE TABLE"
            + " (InnoDB clustered index pages, bytes / 1e6), divided by the tool's seconds";

    /**
     * One tool copying one table.
     *
     * @param table           which table ({@code narrow} or {@code wide})
     * @param tool            {@code ours}, {@code mariadb-dump} or {@value DebeziumRowStream#NAME}
     * @param rows            rows the tool delivered (for mariadb-dump, the table's row count when it succeeded)
     * @param dataLengthBytes the table's DATA_LENGTH, the denominator of MB/s for every tool
     * @param seconds         from the start (process start for mariadb-dump, {@code start()} for the clients) to the
     *                        last row
     * @param cpuSeconds      CPU seconds of the forked JVM over the run, all threads (ours only), else null
     * @param peakHeapBytes   sum of the heap pools' peak usage in the forked JVM (ours only), else null
     * @param xmx             that JVM's {@code -Xmx}, else null
     * @param error           why the run failed, or null
     */
    public record Run(String table, String tool, long rows, long dataLengthBytes, double seconds, Double cpuSeconds,
                      Long peakHeapBytes, String xmx, String error) {

        double rowsPerS() {
            return error == null && seconds > 0 ? rows / seconds : Double.NaN;
        }

        double mbPerS() {
            return error == null && seconds > 0 ? dataLengthBytes / 1e6 / seconds : Double.NaN;
        }
    }
}
