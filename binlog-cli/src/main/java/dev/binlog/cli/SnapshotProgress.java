package dev.binlog.cli;

import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One line on standard error while {@code tail --snapshot} copies: the table being copied and its rows so far,
 * redrawn at most five times a second and erased when the copy ends. An incremental copy's line stays up while the
 * stream's changes are printed between its chunks.
 */
final class SnapshotProgress implements Consumer<SnapshotMarker> {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final LongSupplier clock;
    private String table;
    private int tableNumber;
    private long rows;
    private long lastDraw;
    private int drawnLength;

    SnapshotProgress(PrintWriter err, LongSupplier clock) {
        this.err = err;
        this.clock = clock;
    }

    @Override
    public void accept(SnapshotMarker marker) {
        switch (marker.kind()) {
            case TABLE_STARTED -> {
                table = marker.qualifiedTable() + " (" + ++tableNumber + "/" + marker.tables() + ")";
                rows = 0;
                draw();
            }
            case TABLE_FINISHED -> {
                rows = marker.rows();
                draw();
            }
            case SNAPSHOT_FINISHED -> clear();
            default -> { }
        }
    }

    /** Counts a copied row. */
    void row(RowChange change) {
        if (change.type() == dev.binlog.ChangeType.READ) {
            if (table == null) {
                // a resumed incremental copy goes on in the middle of a table, with no start of its own
                table = change.qualifiedTable();
            }
            rows++;
            if (clock.getAsLong() - lastDraw >= REDRAW_NANOS) {
                draw();
            }
        }
    }

    private void draw() {
        String line = String.format("copying %s: %,d rows", table, rows);
        err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        err.flush();
        drawnLength = line.length();
        lastDraw = clock.getAsLong();
    }

    void clear() {
        if (drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
            drawnLength = 0;
        }
    }
}
