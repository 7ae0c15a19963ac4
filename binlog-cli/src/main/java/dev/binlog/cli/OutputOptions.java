package dev.binlog.cli;

import dev.binlog.cli.format.OutputFormat;
import picocli.CommandLine.Option;

/** {@code --format}. */
final class OutputOptions {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "Output: json (one Maxwell-style object per row change per line), sql (statements that"
                    + " replay the changes) or flashback (statements that undo them, last first; held back until the"
                    + " end, in memory up to 64M characters, then in temporary files). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--positional-columns",
            description = "With sql or flashback, write columns the binlog does not name (binlog_row_metadata=MINIMAL"
                    + " and no server given) as `@1`, `@2`... instead of refusing: the statements then only run"
                    + " against a table whose columns have those names.")
    boolean positionalColumns;
}
