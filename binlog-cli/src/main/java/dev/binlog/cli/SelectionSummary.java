package dev.binlog.cli;

import dev.binlog.RowChange;
import dev.binlog.TableFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the user should hear of at the end of a run that printed nothing: the changes left out because they are in a
 * system schema (excluded unless named in --include), and the data changes logged as statements.
 */
final class SelectionSummary {

    private final List<String> excludes;
    private final StatementLoggedChanges statements;
    private final Map<String, Long> systemSchemaChanges = new TreeMap<>();
    private long printed;

    /**
     * @param excludes   the user's --exclude patterns: a system-schema change they exclude is not counted
     * @param statements the statement-logged changes seen by the log
     */
    SelectionSummary(List<String> excludes, StatementLoggedChanges statements) {
        this.excludes = List.copyOf(excludes);
        this.statements = statements;
    }

    synchronized void printed() {
        printed++;
    }

    /** A change the user's filter left out; counted when only the system-schema rule excluded it. */
    synchronized void filteredOut(RowChange change) {
        String schema = change.schema();
        // naming the schema lifts the system-schema rule, so this asks the excludes alone
        if (FilterOptions.SYSTEM_SCHEMAS.contains(schema) && TableFilter.builder().include(schema)
                .exclude(excludes.toArray(String[]::new)).build().includesTable(schema, change.table())) {
            systemSchemaChanges.merge(schema, 1L, Long::sum);
        }
    }

    /** The lines to print on standard error at the end (without the {@code binlog: } prefix). */
    synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        statements.summary().ifPresent(lines::add);
        if (printed == 0 && (lines.isEmpty() || !systemSchemaChanges.isEmpty())) {
            lines.add("no row change matched the filters" + systemSchemaNote());
        }
        return lines;
    }

    private String systemSchemaNote() {
        if (systemSchemaChanges.isEmpty()) {
            return "";
        }
        long total = systemSchemaChanges.values().stream().mapToLong(Long::longValue).sum();
        String schemas = String.join(",", systemSchemaChanges.keySet());
        return " (" + total + (total == 1 ? " change" : " changes") + " in system schema"
                + (systemSchemaChanges.size() == 1 ? " " : "s ") + String.join(", ", systemSchemaChanges.keySet())
                + (total == 1 ? " is" : " are") + " excluded by default; --include " + schemas + " to see them)";
    }
}
