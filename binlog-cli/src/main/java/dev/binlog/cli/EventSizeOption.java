package dev.binlog.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --max-event-size}: the largest binlog event read, which bounds the memory one event can take. */
final class EventSizeOption {

    private static final long MIN = 1024;
    private static final long MAX = 2047L << 20;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--max-event-size", paramLabel = "SIZE", converter = DataSizeConverter.class,
            description = "Largest binlog event read, e.g. 64MiB, 1GiB or bytes; a larger one ends the run with an"
                    + " error before it is buffered (default: 1GiB; 1KiB to 2047MiB).")
    Long maxEventSize;

    /** The size given, checked against the range the library accepts, or {@code null} for the default. */
    Long value() {
        if (maxEventSize != null && (maxEventSize < MIN || maxEventSize > MAX)) {
            throw new ParameterException(spec.commandLine(), "--max-event-size " + maxEventSize + " bytes is outside"
                    + " 1KiB to 2047MiB");
        }
        return maxEventSize;
    }
}
