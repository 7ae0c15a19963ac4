package dev.binlog.cli;

import dev.binlog.BinlogPosition;
import dev.binlog.PositionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

/**
 * A position store that has the printer write out what it holds before each save. An incremental snapshot saves its
 * progress right after a chunk's rows, with no commit in between to flush them: without this, a run killed then would
 * resume after rows that never reached the output.
 */
final class OutputFirstPositionStore implements PositionStore {

    /** Writes held output; may fail, and then nothing is saved. */
    @FunctionalInterface
    interface Output {
        void write() throws IOException;
    }

    private final PositionStore store;
    private final Output output;

    OutputFirstPositionStore(PositionStore store, Output output) {
        this.store = store;
        this.output = output;
    }

    @Override
    public Optional<BinlogPosition> load() {
        return store.load();
    }

    @Override
    public void save(BinlogPosition position) {
        try {
            output.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        store.save(position);
    }

    @Override
    public Set<String> ownTables() {
        return store.ownTables();
    }
}
