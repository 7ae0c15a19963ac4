package dev.binlog.stream;

import dev.binlog.TableFilter;

/** Which tables a snapshot copies: those both filters include, except the position store's and signal tables. */
record SnapshotSelection(TableFilter stream, TableFilter snapshot, OwnTables own, SignalTable signals,
        SnapshotSettings settings) {
    boolean includes(String schema, String table) {
        return stream.includesTable(schema, table) && (snapshot == null || snapshot.includesTable(schema, table))
                && !own.contains(schema, table) && !signals.matches(schema, table);
    }
}
