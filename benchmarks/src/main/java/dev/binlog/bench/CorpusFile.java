package dev.binlog.bench;

import java.nio.file.Path;

/**
 * One closed binlog file of the corpus and what it holds, so that JMH's operations per second convert to rows, events
 * and bytes per second.
 */
public record CorpusFile(String name, Path path, long bytes, long events, long rows) {
}
