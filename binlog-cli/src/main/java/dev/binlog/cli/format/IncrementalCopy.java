package dev.binlog.cli.format;

import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import java.util.HashSet;
import java.util.Set;

/**
 * The tables an incremental snapshot is copying right now, as far as replayed SQL must know: between a table's start
 * and finish its copy holds only some rows, so a streamed update may find no row to change. A table queued but not
 * started needs nothing of the kind (its copy will read every row as it then is), nor one finished.
 */
public final class IncrementalCopy {

    private final Set<String> copying = new HashSet<>();

    /**
     * @param resumed the table ({@code schema.table}) a resumed snapshot was in the middle of, or {@code null}: its
     *                copy goes on without a new start
     */
    public IncrementalCopy(String resumed) {
        if (resumed != null) {
            copying.add(resumed);
        }
    }

    void marker(SnapshotMarker marker) {
        switch (marker.kind()) {
            case TABLE_STARTED -> copying.add(marker.qualifiedTable());
            case TABLE_FINISHED -> copying.remove(marker.qualifiedTable());
            default -> { }
        }
    }

    /** Whether {@code change} is of a table whose copy is under way. */
    boolean copying(RowChange change) {
        return !copying.isEmpty() && copying.contains(change.qualifiedTable());
    }
}
