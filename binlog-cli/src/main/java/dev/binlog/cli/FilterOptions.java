package dev.binlog.cli;

import dev.binlog.ChangeType;
import dev.binlog.TableFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which tables and change types to print: {@code --include --exclude --types}. */
final class FilterOptions {

    // not split here: TableFilter splits on commas itself but keeps a /regex/ whole, commas and all
    @Option(names = "--include", paramLabel = "PATTERNS",
            description = "Only these tables: schema.table patterns, comma-separated; * and ? are wildcards within a"
                    + " name, a bare schema means all its tables, /regex/ matches schema.table. Repeatable.")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATTERNS",
            description = "Leave out these tables (same patterns as --include; an exclude wins). Repeatable.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--types", paramLabel = "TYPES", split = ",",
            description = "Only these change types, comma-separated: ${COMPLETION-CANDIDATES} (default: all).")
    List<ChangeType> types = new ArrayList<>();

    /** The filter these options describe. */
    TableFilter toFilter() {
        return TableFilter.builder()
                .include(include.toArray(String[]::new))
                .exclude(exclude.toArray(String[]::new))
                .types(types.toArray(ChangeType[]::new))
                .build();
    }
}
