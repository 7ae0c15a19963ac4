package dev.binlog.spring.listener;

import dev.binlog.TableFilter;
import dev.binlog.stream.ColumnSchema;
import dev.binlog.stream.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks the registered listeners against the server's tables, once the server is reachable: table patterns that
 * match no table, {@code columns} that no listened-to table has, tables the stream's own filter excludes (mistakes
 * that would otherwise never fire), and row types that cannot receive a table's rows (a field without a column, a
 * fraction into an integer), which would fail at the first row.
 *
 * @param mistakes listeners that would never fire, or not as meant: a warning, or a failure in strict mode
 * @param errors   row types that cannot receive the tables' rows: always a failure
 */
public record ListenerCheck(List<String> mistakes, List<String> errors) {

    /**
     * @param dispatcher the listeners
     * @param tables     the server's user tables by {@code schema.table} (system schemas left out)
     * @param filter     the stream's own table filter ({@code binlog.filter})
     */
    public static ListenerCheck of(ListenerDispatcher dispatcher, Map<String, TableSchema> tables, TableFilter filter) {
        List<String> mistakes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (MethodListener listener : dispatcher.listeners()) {
            ListenerEndpoint endpoint = listener.endpoint();
            if (endpoint.kind() == ListenerEndpoint.Kind.SCHEMA_CHANGES) {
                // DDL may well name a table that does not exist yet (CREATE) or any more (DROP)
                continue;
            }
            Map<String, TableSchema> matched = new LinkedHashMap<>();
            for (String pattern : endpoint.tables()) {
                Map<String, TableSchema> byPattern = matching(tables, TableFilter.builder().include(pattern).build());
                if (byPattern.isEmpty() && !namesSystemSchema(pattern)) {
                    mistakes.add("listener " + endpoint.id() + " listens to table '" + pattern + "', which matches no"
                            + " table on the server" + nearby(tables, pattern));
                }
                matched.putAll(byPattern);
            }
            if (endpoint.tables().isEmpty()) {
                matched.putAll(tables);
            } else {
                matched.values().stream().filter(t -> !filter.includesTable(t.schema(), t.table())).findFirst()
                        .ifPresent(t -> mistakes.add("listener " + endpoint.id() + " listens to " + t.schema() + "."
                                + t.table() + ", but binlog.filter excludes it, so it never receives its changes"));
            }
            // Only rows of tables the stream's filter lets through can reach the listener.
            matched.values().removeIf(t -> !filter.includesTable(t.schema(), t.table()));
            for (String column : endpoint.columns()) {
                boolean known = matched.values().stream().anyMatch(t -> t.columns().stream()
                        .anyMatch(c -> c.name().equalsIgnoreCase(column)));
                if (!known && !matched.isEmpty()) {
                    mistakes.add("listener " + endpoint.id() + " fires on changes of column '" + column + "', which "
                            + String.join(", ", matched.keySet()) + (matched.size() == 1 ? " does" : " do")
                            + " not have (columns: " + columnNames(matched) + ")");
                }
            }
            if (listener.rowMapper() != null) {
                for (TableSchema table : matched.values()) {
                    Map<String, String> columnTypes = new LinkedHashMap<>();
                    for (ColumnSchema column : table.columns()) {
                        columnTypes.put(column.name(), column.columnType());
                    }
                    for (String problem : listener.rowMapper().check(table.schema() + "." + table.table(),
                            columnTypes)) {
                        errors.add("listener " + endpoint.id() + ": " + problem);
                    }
                }
            }
        }
        return new ListenerCheck(List.copyOf(mistakes), List.copyOf(errors));
    }

    private static Map<String, TableSchema> matching(Map<String, TableSchema> tables, TableFilter pattern) {
        Map<String, TableSchema> matched = new LinkedHashMap<>();
        tables.values().stream().filter(t -> pattern.includesTable(t.schema(), t.table()))
                .forEach(t -> matched.put(t.schema() + "." + t.table(), t));
        return matched;
    }

    private static boolean namesSystemSchema(String pattern) {
        String schema = pattern.contains(".") ? pattern.substring(0, pattern.indexOf('.')) : pattern;
        return List.of("mysql", "sys", "information_schema", "performance_schema").contains(schema);
    }

    /** {@code (tables of shop: customers, orders)}: what the schema the pattern names does have. */
    private static String nearby(Map<String, TableSchema> tables, String pattern) {
        if (!pattern.contains(".") || pattern.startsWith("/")) {
            return "";
        }
        String schema = pattern.substring(0, pattern.indexOf('.'));
        TreeSet<String> names = new TreeSet<>();
        tables.values().stream().filter(t -> t.schema().equals(schema)).forEach(t -> names.add(t.table()));
        if (names.isEmpty()) {
            return " (there is no schema " + schema + ")";
        }
        return " (tables of " + schema + ": " + String.join(", ", names.stream().limit(20).toList())
                + (names.size() > 20 ? ", …" : "") + ")";
    }

    private static String columnNames(Map<String, TableSchema> tables) {
        TreeSet<String> names = new TreeSet<>();
        tables.values().forEach(t -> t.columns().forEach(c -> names.add(c.name())));
        return String.join(", ", names);
    }
}
