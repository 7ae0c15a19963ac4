package dev.binlog.bench;

/**
 * What one pass over a binlog file found.
 *
 * @param events all events, including those that carry no rows
 * @param rows   changed rows: an UPDATE's before and after images count as one row
 */
public record DecodeCount(long events, long rows) {
}
