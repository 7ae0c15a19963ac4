package dev.binlog;

import java.util.Optional;

/** A {@link PositionStore} that forgets everything on restart; for tests and for consumers that don't resume. */
final class MemoryPositionStore implements PositionStore {

    private volatile BinlogPosition position;

    @Override
    public Optional<BinlogPosition> load() {
        return Optional.ofNullable(position);
    }

    @Override
    public void save(BinlogPosition newPosition) {
        position = newPosition;
    }

    @Override
    public String toString() {
        return "memory";
    }
}
