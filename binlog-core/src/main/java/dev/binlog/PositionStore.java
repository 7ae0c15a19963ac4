package dev.binlog;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Where the stream saves the position of the last transaction its listener finished, and reads it back on start.
 * Implement it to keep positions in your own storage; saves happen on the stream's thread after each commit.
 */
public interface PositionStore {

    /** The last saved position, or empty when nothing was saved yet. */
    Optional<BinlogPosition> load();

    /** Saves a position durably; when this returns, a restart resumes from here. */
    void save(BinlogPosition position);

    /**
     * The tables this store writes into, as {@code schema.table}, when it keeps positions in the streamed server
     * itself. The stream never delivers their rows, and a transaction that only wrote them is neither counted in the
     * statistics nor followed by a position save (which would write again, and so on without end). Called once per
     * start, after {@link #load()}. Empty by default.
     */
    default Set<String> ownTables() {
        return Set.of();
    }

    /** Keeps positions in memory only (lost on restart). */
    static PositionStore inMemory() {
        return new MemoryPositionStore();
    }

    /** Keeps the position in one small text file, written atomically (temporary file, fsync, rename). */
    static PositionStore file(Path path) {
        return new FilePositionStore(path);
    }
}
