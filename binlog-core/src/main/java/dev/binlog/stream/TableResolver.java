package dev.binlog.stream;

import dev.binlog.Column;
import dev.binlog.ColumnNames;
import dev.binlog.ColumnType;
import dev.binlog.SchemaMismatchException;
import dev.binlog.SchemaSource;
import dev.binlog.TableFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gives each TABLE_MAP its {@link ResolvedTable}: applies the filter first (an excluded table is never looked up),
 * then names the columns from the event's own metadata or from {@code information_schema}, caching per table id and
 * dropping cached definitions when a DDL touches the table.
 */
final class TableResolver {

    private final TableFilter filter;
    private final OwnTables ownTables;
    private final SchemaSource source;
    private final InformationSchemaReader schemaReader;
    private final Map<Long, ResolvedTable> byTableId = new HashMap<>();
    private final Map<String, TableSchema> schemas = new HashMap<>();
    private SignalTable signalTable;

    /**
     * @param schemaReader reads {@code information_schema}, or {@code null} when no server is at hand (files read
     *                     offline): columns without names in the binlog are then named {@code @1}, {@code @2}…
     */
    public TableResolver(TableFilter filter, SchemaSource source, InformationSchemaReader schemaReader) {
        this(filter, OwnTables.none(), source, schemaReader);
    }

    TableResolver(TableFilter filter, OwnTables ownTables, SchemaSource source, InformationSchemaReader schemaReader) {
        this.filter = filter;
        this.ownTables = ownTables;
        this.source = source;
        this.schemaReader = schemaReader;
    }

    /** The resolved table for a TABLE_MAP; {@code where} names the event's position for error messages. */
    public ResolvedTable resolve(long tableId, String schema, String table, List<Column> columns, String where) {
        ResolvedTable cached = byTableId.get(tableId);
        if (cached != null && cached.schema().equals(schema) && cached.table().equals(table)
                && sameShape(cached.columns(), columns)) {
            return cached;
        }
        ResolvedTable resolved = includes(schema, table)
                ? name(tableId, schema, table, columns, where)
                : new ResolvedTable(tableId, schema, table, columns, ColumnNames.positional(columns.size()),
                        new int[0], false);
        byTableId.put(tableId, resolved);
        return resolved;
    }

    /**
     * Reads the current definition of every included table at once (when a stream starts at the end of the log), so
     * that a DDL made right after the start is not mistaken for the definition of the rows before it.
     */
    public void preload() {
        if (schemaReader == null || source == SchemaSource.BINLOG_METADATA) {
            return;
        }
        schemaReader.readAll().forEach((key, table) -> {
            if (includes(table.schema(), table.table())) {
                schemas.put(key, table);
            }
        });
    }

    /** The snapshot signal table: its rows are decoded whatever the filter says (they never reach the listener). */
    void signals(SignalTable table) {
        signalTable = table;
    }

    /**
     * Whether rows of the table are decoded: the filter includes it and it is not one our position store writes, or
     * it is the signal table.
     */
    boolean includes(String schema, String table) {
        return (!ownTables.contains(schema, table) && filter.includesTable(schema, table))
                || (signalTable != null && signalTable.matches(schema, table));
    }

    /** A table id seen in a rows event, or {@code null} when no TABLE_MAP defined it on this stream. */
    public ResolvedTable byId(long tableId) {
        return byTableId.get(tableId);
    }

    /** Drops cached definitions of {@code schema.table} names (or {@code schema.*}); an empty list drops all. */
    public void invalidate(List<String> qualifiedTables) {
        if (qualifiedTables.isEmpty()) {
            schemas.clear();
            byTableId.clear();
            return;
        }
        for (String name : qualifiedTables) {
            if (name.endsWith(".*")) {
                String prefix = name.substring(0, name.length() - 1);
                schemas.keySet().removeIf(k -> k.startsWith(prefix));
                byTableId.values().removeIf(t -> (t.schema() + ".").equals(prefix));
            } else {
                schemas.remove(name);
                byTableId.values().removeIf(t -> (t.schema() + "." + t.table()).equals(name));
            }
        }
    }

    private ResolvedTable name(long tableId, String schema, String table, List<Column> columns, String where) {
        boolean binlogHasNames = !columns.isEmpty() && columns.stream().allMatch(c -> c.name() != null);
        boolean useBinlog = source == SchemaSource.BINLOG_METADATA
                || (source == SchemaSource.AUTO && (binlogHasNames || schemaReader == null));
        if (useBinlog || schemaReader == null) {
            if (source == SchemaSource.AUTO && schemaReader != null) {
                columns = withMariaDbTypeNames(schema, table, columns);
            }
            List<String> names = new ArrayList<>(columns.size());
            List<Integer> keys = new ArrayList<>();
            for (Column column : columns) {
                names.add(column.displayName());
                if (Boolean.TRUE.equals(column.primaryKey())) {
                    keys.add(column.index());
                }
            }
            return new ResolvedTable(tableId, schema, table, columns, new ColumnNames(names, columns),
                    keys.stream().mapToInt(Integer::intValue).toArray(), true);
        }
        TableSchema current = lookUp(schema, table, columns, where);
        return enrich(tableId, schema, table, columns, current);
    }

    /**
     * MariaDB's UUID, INET4 and INET6 are logged as binary strings even with full metadata, like BINARY(n): only
     * {@code information_schema} tells them apart, so that their values come out as the text SELECT shows whatever
     * binlog_row_metadata is. Left as bytes when the table changed since (a DDL the stream has not reached).
     */
    private List<Column> withMariaDbTypeNames(String schema, String table, List<Column> columns) {
        if (columns.stream().noneMatch(TableResolver::binaryString)) {
            return columns;
        }
        String key = schema + "." + table;
        List<ColumnType> types = columns.stream().map(Column::type).toList();
        TableSchema current = schemas.get(key);
        if (current == null || ColumnSchemaMatcher.mismatch(types, current) != null) {
            current = schemaReader.read(schema, table);
            if (current == null || ColumnSchemaMatcher.mismatch(types, current) != null) {
                return columns;
            }
            schemas.put(key, current);
        }
        List<Column> named = new ArrayList<>(columns);
        for (int i = 0; i < named.size(); i++) {
            String dataType = current.columns().get(i).dataType();
            if (binaryString(named.get(i))
                    && (dataType.equals("uuid") || dataType.equals("inet4") || dataType.equals("inet6"))) {
                named.set(i, named.get(i).withDataTypeName(dataType));
            }
        }
        return named;
    }

    private static boolean binaryString(Column column) {
        return column.type() == ColumnType.STRING && (column.collationId() == null || column.collationId() == 63);
    }

    private TableSchema lookUp(String schema, String table, List<Column> columns, String where) {
        List<ColumnType> types = columns.stream().map(Column::type).toList();
        String key = schema + "." + table;
        TableSchema current = schemas.get(key);
        String mismatch = current == null ? "not read yet" : ColumnSchemaMatcher.mismatch(types, current);
        if (mismatch != null) {
            current = schemaReader.read(schema, table);
            mismatch = current == null ? "the table no longer exists" : ColumnSchemaMatcher.mismatch(types, current);
        }
        if (mismatch != null) {
            throw new SchemaMismatchException("cannot name the columns of " + key + " at " + where + ": " + mismatch
                    + ". The binary log carries no column names, and the table was changed after this event was"
                    + " written (the stream is behind that change), so names from information_schema could be wrong."
                    + " Fix: set binlog_row_metadata=FULL on the server (MySQL 8.0.1+, MariaDB 10.5+) so events"
                    + " carry their names, or restart the stream from a position after the change.");
        }
        schemas.put(key, current);
        return current;
    }

    private static ResolvedTable enrich(long tableId, String schema, String table, List<Column> columns,
            TableSchema current) {
        List<Column> enriched = new ArrayList<>(columns.size());
        List<String> names = new ArrayList<>(columns.size());
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSchema known = current.columns().get(i);
            Column column = columns.get(i).withName(known.name())
                    .withDataTypeName(known.columnType().toLowerCase(Locale.ROOT))
                    .withPrimaryKey(known.primaryKey());
            if (column.unsigned() == null) {
                column = column.withUnsigned(known.unsigned());
            }
            if (column.collationId() == null && known.collationId() != null) {
                column = column.withCollationId(known.collationId());
            }
            if (column.enumValues() == null && known.enumValues() != null) {
                column = column.withEnumValues(known.enumValues());
            }
            if (column.setValues() == null && known.setValues() != null) {
                column = column.withSetValues(known.setValues());
            }
            enriched.add(column);
            names.add(known.name());
            if (known.primaryKey()) {
                keys.add(i);
            }
        }
        return new ResolvedTable(tableId, schema, table, enriched, new ColumnNames(names, enriched),
                keys.stream().mapToInt(Integer::intValue).toArray(), true);
    }

    private static boolean sameShape(List<Column> cached, List<Column> fresh) {
        if (cached.size() != fresh.size()) {
            return false;
        }
        for (int i = 0; i < cached.size(); i++) {
            if (cached.get(i).type() != fresh.get(i).type() || cached.get(i).metadata() != fresh.get(i).metadata()) {
                return false;
            }
        }
        return true;
    }
}
