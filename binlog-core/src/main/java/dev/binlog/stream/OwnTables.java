package dev.binlog.stream;

import dev.binlog.PositionStore;
import java.util.Set;

/**
 * The tables our position store writes ({@link PositionStore#ownTables()}), learnt when a stream starts. Their rows
 * are never delivered, and a transaction with only their rows is not counted and saves no position: saving one
 * would write to the table again and feed the stream its own writes for ever.
 */
final class OwnTables {

    private volatile Set<String> qualifiedNames = Set.of();

    static OwnTables none() {
        return new OwnTables();
    }

    void of(PositionStore store) {
        qualifiedNames = Set.copyOf(store.ownTables());
    }

    boolean any() {
        return !qualifiedNames.isEmpty();
    }

    boolean contains(String schema, String table) {
        Set<String> names = qualifiedNames;
        return !names.isEmpty() && names.contains(schema + "." + table);
    }
}
