package dev.binlog.cli;

import dev.binlog.RowChange;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for {@code read}: bytes of the given files read so far, judged by the position of the last
 * change. Redrawn at most five times a second, and erased at the end.
 */
final class ProgressBar implements Consumer<RowChange> {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final List<String> names = new ArrayList<>();
    private final long[] offsets;
    private final long total;
    private final LongSupplier clock;
    private long lastDraw;
    private int lastLength;

    /** @param sizes the byte size of each file, in reading order */
    ProgressBar(PrintWriter err, List<Path> files, long[] sizes, LongSupplier clock) {
        this.err = err;
        this.clock = clock;
        this.offsets = new long[files.size()];
        long sum = 0;
        for (int i = 0; i < files.size(); i++) {
            names.add(files.get(i).getFileName().toString());
            offsets[i] = sum;
            sum += sizes[i];
        }
        this.total = Math.max(sum, 1);
        this.lastDraw = clock.getAsLong() - REDRAW_NANOS;
    }

    @Override
    public void accept(RowChange change) {
        long now = clock.getAsLong();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int file = names.indexOf(change.metadata().binlogFile());
        if (file < 0) {
            return;
        }
        draw(offsets[file] + change.metadata().position(), names.get(file));
    }

    /** Draws the bar for {@code done} bytes, reading {@code file}. */
    void draw(long done, String file) {
        int percent = (int) Math.min(100, done * 100 / total);
        int filled = percent * WIDTH / 100;
        String line = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% " + file;
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    /** Erases the bar. */
    void clear() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }
}
