package dev.binlog.cli;

import dev.binlog.BinlogPosition;
import dev.binlog.PositionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

/**
 * A position store that has the printer write out what it holds before each save, so no save ever runs ahead of the
 * output: a run killed right after a save then never resumes after rows that did not reach it. (It was written when an
 * incremental snapshot saved right after a chunk's rows; chunks now end with onCommit, which flushes too, and the store
 * stays as the guarantee for copied rows outside a transaction.)
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
