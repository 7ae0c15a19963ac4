package dev.binlog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tables and change types reach the listener. The stream applies it when it reads a table's TABLE_MAP, so rows of
 * excluded tables are never decoded.
 *
 * <p>Patterns name {@code schema.table}; {@code *} matches any run of characters and {@code ?} one character, within
 * one part ({@code shop.order_*}, {@code *.audit}); a pattern without a dot names a whole schema ({@code shop} =
 * {@code shop.*}); a pattern written {@code /regex/} is a Java regular expression over the whole {@code schema.table}.
 * Names match case-sensitively, as MySQL on Linux compares table names. An empty include list includes every table;
 * an exclude wins over an include. Internal schemas ({@code mysql}, {@code sys}, {@code information_schema},
 * {@code performance_schema}) are excluded unless included explicitly by name.
 */
public final class TableFilter {

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "sys", "information_schema",
            "performance_schema");
    private static final TableFilter ALL = builder().build();

    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final List<String> includeTexts;
    private final List<String> excludeTexts;
    private final Set<ChangeType> types;

    private TableFilter(Builder builder) {
        this.includes = builder.includes.stream().map(TableFilter::compile).toList();
        this.excludes = builder.excludes.stream().map(TableFilter::compile).toList();
        this.includeTexts = List.copyOf(builder.includes);
        this.excludeTexts = List.copyOf(builder.excludes);
        this.types = builder.types.isEmpty() ? EnumSet.allOf(ChangeType.class) : EnumSet.copyOf(builder.types);
    }

    /** Every table outside the internal schemas, every change type. */
    public static TableFilter all() {
        return ALL;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether rows of this table reach the listener. */
    public boolean includesTable(String schema, String table) {
        String qualified = schema + "." + table;
        for (Pattern exclude : excludes) {
            if (exclude.matcher(qualified).matches()) {
                return false;
            }
        }
        if (SYSTEM_SCHEMAS.contains(schema) && !namesSchemaExplicitly(schema)) {
            return false;
        }
        if (includes.isEmpty()) {
            return true;
        }
        for (Pattern include : includes) {
            if (include.matcher(qualified).matches()) {
                return true;
            }
        }
        return false;
    }

    private boolean namesSchemaExplicitly(String schema) {
        return includeTexts.stream().anyMatch(p -> p.equals(schema) || p.startsWith(schema + "."));
    }

    public boolean includesType(ChangeType type) {
        return types.contains(type);
    }

    public Set<ChangeType> types() {
        return EnumSet.copyOf(types);
    }

    private static Pattern compile(String pattern) {
        String p = pattern.trim();
        if (p.length() >= 2 && p.startsWith("/") && p.endsWith("/")) {
            try {
                return Pattern.compile(p.substring(1, p.length() - 1));
            } catch (PatternSyntaxException e) {
                throw new ConfigurationException("table pattern " + p + " is not a regular expression: "
                        + e.getDescription() + " at index " + e.getIndex(), e);
            }
        }
        if (p.isEmpty()) {
            throw new ConfigurationException("empty table pattern; use schema.table, schema.*, or /regex/");
        }
        if (!p.contains(".")) {
            p = p + ".*";
        }
        StringBuilder regex = new StringBuilder();
        for (char c : p.toCharArray()) {
            switch (c) {
                case '*' -> regex.append("[^.]*");
                case '?' -> regex.append("[^.]");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return "TableFilter[include=" + includeTexts + ", exclude=" + excludeTexts + ", types=" + types + "]";
    }

    /** Builds a {@link TableFilter}. */
    public static final class Builder {
        private final List<String> includes = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private final Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);

        private Builder() {
        }

        /** Adds include patterns; each may also be a comma-separated list. */
        public Builder include(String... patterns) {
            addAll(includes, patterns);
            return this;
        }

        public Builder exclude(String... patterns) {
            addAll(excludes, patterns);
            return this;
        }

        /** Limits the change types delivered; none given means all. */
        public Builder types(ChangeType... changeTypes) {
            types.addAll(List.of(changeTypes));
            return this;
        }

        private static void addAll(List<String> target, String... patterns) {
            for (String pattern : patterns) {
                if (pattern.startsWith("/")) {
                    target.add(pattern);
                    continue;
                }
                for (String part : pattern.split(",")) {
                    if (!part.isBlank()) {
                        target.add(part.trim());
                    }
                }
            }
        }

        public TableFilter build() {
            return new TableFilter(this);
        }
    }
}
