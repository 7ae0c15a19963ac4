package dev.binlog.cli.format;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.Transaction;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Synthesized row changes for formatter tests. */
public final class Changes {

    public static final Instant TIME = Instant.parse("2026-11-23T10:15:30Z");

    private Changes() {
    }

    public static ColumnNames names(String... names) {
        return new ColumnNames(List.of(names));
    }

    public static Row row(ColumnNames names, Object... values) {
        return new Row(names, values.clone(), null);
    }

    public static ChangeMetadata at(long position) {
        return new ChangeMetadata("mysql-bin.000003", position, null, null, 1, TIME, 0, null, null);
    }

    public static ChangeMetadata at(long position, String gtid, Long threadId) {
        return new ChangeMetadata("mysql-bin.000003", position, gtid, null, 1, TIME, 0, threadId, null);
    }

    public static RowChange insert(String table, Row after, long position, String... key) {
        return new RowChange(ChangeType.INSERT, "shop", table, null, after, Set.of(), key(after, key), at(position));
    }

    public static RowChange delete(String table, Row before, long position, String... key) {
        return new RowChange(ChangeType.DELETE, "shop", table, before, null, Set.of(), key(before, key),
                at(position));
    }

    public static RowChange update(String table, Row before, Row after, long position, String... key) {
        Set<String> changed = new LinkedHashSet<>();
        for (int i = 0; i < after.size(); i++) {
            if (!java.util.Objects.deepEquals(before.get(i), after.get(i))) {
                changed.add(after.names().get(i));
            }
        }
        return new RowChange(ChangeType.UPDATE, "shop", table, before, after, changed, key(after, key),
                at(position));
    }

    public static Transaction commit(Long xid, long position) {
        return new Transaction(null, xid, TIME, TIME, new BinlogPosition("mysql-bin.000003", 4),
                new BinlogPosition("mysql-bin.000003", position), 1);
    }

    private static Map<String, Object> key(Row row, String... key) {
        Map<String, Object> values = new LinkedHashMap<>();
        Arrays.stream(key).forEach(name -> values.put(name, row.get(name)));
        return values;
    }
}
