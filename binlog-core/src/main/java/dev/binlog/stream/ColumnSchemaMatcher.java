package dev.binlog.stream;

import dev.binlog.ColumnType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells whether a table's current {@code information_schema} columns can describe the columns of a TABLE_MAP event:
 * same count, and each SQL data type one that is written with that binlog type. A mismatch means the table changed
 * after the event was written (the reader is behind a DDL), so the names cannot be trusted.
 */
final class ColumnSchemaMatcher {

    private static final Set<String> TEXT_AND_BLOB = Set.of("tinyblob", "blob", "mediumblob", "longblob",
            "tinytext", "text", "mediumtext", "longtext", "json");
    private static final Set<String> GEOMETRY = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geomcollection");
    private static final Map<ColumnType, Set<String>> DATA_TYPES = new EnumMap<>(ColumnType.class);

    static {
        DATA_TYPES.put(ColumnType.TINY, Set.of("tinyint", "bool", "boolean"));
        DATA_TYPES.put(ColumnType.SHORT, Set.of("smallint"));
        DATA_TYPES.put(ColumnType.INT24, Set.of("mediumint"));
        DATA_TYPES.put(ColumnType.LONG, Set.of("int", "integer"));
        DATA_TYPES.put(ColumnType.LONGLONG, Set.of("bigint"));
        DATA_TYPES.put(ColumnType.FLOAT, Set.of("float"));
        DATA_TYPES.put(ColumnType.DOUBLE, Set.of("double", "real", "double precision"));
        DATA_TYPES.put(ColumnType.DECIMAL, Set.of("decimal", "numeric"));
        DATA_TYPES.put(ColumnType.NEWDECIMAL, Set.of("decimal", "numeric"));
        DATA_TYPES.put(ColumnType.YEAR, Set.of("year"));
        DATA_TYPES.put(ColumnType.DATE, Set.of("date"));
        DATA_TYPES.put(ColumnType.NEWDATE, Set.of("date"));
        DATA_TYPES.put(ColumnType.TIME, Set.of("time"));
        DATA_TYPES.put(ColumnType.TIME2, Set.of("time"));
        DATA_TYPES.put(ColumnType.DATETIME, Set.of("datetime"));
        DATA_TYPES.put(ColumnType.DATETIME2, Set.of("datetime"));
        DATA_TYPES.put(ColumnType.TIMESTAMP, Set.of("timestamp"));
        DATA_TYPES.put(ColumnType.TIMESTAMP2, Set.of("timestamp"));
        DATA_TYPES.put(ColumnType.VARCHAR, Set.of("varchar", "varbinary"));
        DATA_TYPES.put(ColumnType.VAR_STRING, Set.of("varchar", "varbinary"));
        DATA_TYPES.put(ColumnType.STRING, Set.of("char", "binary", "enum", "set", "uuid", "inet4", "inet6"));
        DATA_TYPES.put(ColumnType.ENUM, Set.of("enum"));
        DATA_TYPES.put(ColumnType.SET, Set.of("set"));
        DATA_TYPES.put(ColumnType.BLOB, TEXT_AND_BLOB);
        DATA_TYPES.put(ColumnType.TINY_BLOB, TEXT_AND_BLOB);
        DATA_TYPES.put(ColumnType.MEDIUM_BLOB, TEXT_AND_BLOB);
        DATA_TYPES.put(ColumnType.LONG_BLOB, TEXT_AND_BLOB);
        DATA_TYPES.put(ColumnType.JSON, Set.of("json"));
        DATA_TYPES.put(ColumnType.GEOMETRY, GEOMETRY);
        DATA_TYPES.put(ColumnType.BIT, Set.of("bit"));
        DATA_TYPES.put(ColumnType.VECTOR, Set.of("vector"));
    }

    private ColumnSchemaMatcher() {
    }

    /** Null when they match, else a sentence naming the first difference. */
    static String mismatch(List<ColumnType> binlogTypes, TableSchema schema) {
        if (binlogTypes.size() != schema.columns().size()) {
            return "the binlog event has " + binlogTypes.size() + " columns but the table now has "
                    + schema.columns().size();
        }
        for (int i = 0; i < binlogTypes.size(); i++) {
            ColumnType binlogType = binlogTypes.get(i);
            ColumnSchema column = schema.columns().get(i);
            Set<String> accepted = DATA_TYPES.get(binlogType);
            boolean knownDataType = DATA_TYPES.values().stream().anyMatch(s -> s.contains(column.dataType()));
            // A data type we do not know (a newer server's) is not evidence of a change.
            if (accepted != null && knownDataType && !accepted.contains(column.dataType())) {
                return "column " + (i + 1) + " is " + binlogType + " in the binlog event but `" + column.name()
                        + "` is " + column.columnType() + " now";
            }
        }
        return null;
    }
}
