package dev.binlog;

import dev.binlog.stream.FilePositionStore;
import dev.binlog.stream.MemoryPositionStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the stream saves the position of the last transaction its listener finished, and reads it back on start.
 * Implement it to keep positions in your own storage; saves happen on the stream's thread after each commit.
 */
public interface PositionStore {

    /** The last saved position, or empty when nothing was saved yet. */
    Optional<BinlogPosition> load();

    /** Saves a position durably; when this returns, a restart resumes from here. */
    void save(BinlogPosition position);

    /** Keeps positions in memory only (lost on restart). */
    static PositionStore inMemory() {
        return new MemoryPositionStore();
    }

    /** Keeps the position in one small text file, written atomically (temporary file, fsync, rename). */
    static PositionStore file(Path path) {
        return new FilePositionStore(path);
    }
}
