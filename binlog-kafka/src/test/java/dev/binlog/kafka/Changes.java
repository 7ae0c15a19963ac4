package dev.binlog.kafka;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.Column;
import dev.binlog.ColumnNames;
import dev.binlog.ColumnType;
import dev.binlog.Row;
import dev.binlog.RowChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Row changes built by hand for the format tests, as the stream would deliver them. */
final class Changes {

    private Changes() {
    }

    static Row row(List<String> names, Object... values) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ColumnType type = values[i] instanceof Integer ? ColumnType.LONG : ColumnType.VARCHAR;
            columns.add(Column.of(i, type, 0, true).withName(names.get(i)));
        }
        return new Row(new ColumnNames(names, columns), values, null);
    }

    static RowChange change(ChangeType type, String schema, String table, Row before, Row after, String keyColumn,
            ChangeMetadata metadata) {
        Row keyed = after != null ? after : before;
        Map<String, Object> key = new LinkedHashMap<>();
        key.put(keyColumn, keyed.get(keyColumn));
        Set<String> changed = new LinkedHashSet<>();
        if (before != null && after != null) {
            for (String column : after.columnNames()) {
                if (!java.util.Objects.equals(before.get(column), after.get(column))) {
                    changed.add(column);
                }
            }
        }
        return new RowChange(type, schema, table, before, after, changed, key, metadata);
    }

    static ChangeMetadata at(String file, long position, long serverId, long epochSeconds, Long thread, String query) {
        return new ChangeMetadata(file, position, null, null, serverId, Instant.ofEpochSecond(epochSeconds), 0, thread,
                query, new BinlogPosition(file, position));
    }
}
