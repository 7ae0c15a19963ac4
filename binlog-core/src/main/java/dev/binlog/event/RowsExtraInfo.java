package dev.binlog.event;

/**
 * Extra row info of a v2 rows event (MySQL 5.6+), or {@link #NONE}.
 *
 * @param ndbFormat         NDB info format byte, or {@code null}
 * @param ndbInfo           NDB info bytes (copied), or {@code null}
 * @param partitionId       partition the rows belong to, or {@code null}
 * @param sourcePartitionId for updates that move a row between partitions, the partition it came from, or
 *                          {@code null}
 */
public record RowsExtraInfo(Integer ndbFormat, byte[] ndbInfo, Integer partitionId, Integer sourcePartitionId) {

    /** No extra row info. */
    public static final RowsExtraInfo NONE = new RowsExtraInfo(null, null, null, null);
}
