package dev.binlog.cli;

import dev.binlog.ChangeType;
import dev.binlog.TableFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Which tables and change types to print: {@code --include --exclude --types}. */
final class FilterOptions {

    /** The schemas {@link TableFilter} leaves out unless an include names them. */
    static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "sys", "information_schema", "performance_schema");

    // not split here: TableFilter splits on commas itself but keeps a /regex/ whole, commas and all
    @Option(names = "--include", paramLabel = "PATTERNS",
            description = "Only these tables: schema.table patterns, comma-separated; * and ? are wildcards within a"
                    + " name, a bare schema means all its tables, /regex/ matches schema.table. Repeatable. The"
                    + " system schemas mysql, sys, information_schema and performance_schema are left out unless"
                    + " named here (--include mysql).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATTERNS",
            description = "Leave out these tables (same patterns as --include; an exclude wins). Repeatable.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--types", paramLabel = "TYPES", split = ",",
            description = "Only these change types, comma-separated: ${COMPLETION-CANDIDATES} (default: all).")
    List<ChangeType> types = new ArrayList<>();

    /** The filter these options describe: what is printed. */
    TableFilter toFilter() {
        return TableFilter.builder()
                .include(include.toArray(String[]::new))
                .exclude(exclude.toArray(String[]::new))
                .types(types.toArray(ChangeType[]::new))
                .build();
    }

    /**
     * The filter the stream applies: {@link #toFilter()}, plus the system schemas when no --include was given, so that
     * their changes can be counted when nothing else matched (the printer applies {@link #toFilter()} itself).
     */
    TableFilter toStreamFilter() {
        if (!include.isEmpty()) {
            return toFilter();
        }
        List<String> includes = new ArrayList<>(List.of("/.*/"));
        includes.addAll(SYSTEM_SCHEMAS);
        return TableFilter.builder()
                .include(includes.toArray(String[]::new))
                .exclude(exclude.toArray(String[]::new))
                .types(types.toArray(ChangeType[]::new))
                .build();
    }

    /** Counts what the options leave out, for the end-of-run summary. */
    SelectionSummary summary(StatementLoggedChanges statements) {
        return new SelectionSummary(exclude, statements);
    }
}
