package dev.binlog.bench;

import java.nio.file.Path;

/**
 * A real binlog file of the shared fixtures that both decoders read to the end without an error.
 *
 * @param rowsConnectorJ rows connector-j found (it silently skips row events it cannot read)
 * @param difference     the first value difference in connector-j's fast mode, or empty when the values agree
 */
public record FixtureFile(Path path, long bytes, long events, long rows, long rowsConnectorJ, String difference) {
}
