package dev.binlog.spring.listener;

import java.time.Duration;

/**
 * What to do when a listener method throws: retry up to {@code retries} times with doubling back-off, then stop the
 * stream or skip the change. Mapping errors are never retried: the same row would fail again.
 *
 * @param retries number of retries after the first failure
 * @param backoff delay before the first retry
 * @param skip    whether to skip (log and count) instead of stopping
 */
public record ErrorPolicy(int retries, Duration backoff, boolean skip) {

    public static ErrorPolicy stopAfter(int retries, Duration backoff) {
        return new ErrorPolicy(retries, backoff, false);
    }
}
