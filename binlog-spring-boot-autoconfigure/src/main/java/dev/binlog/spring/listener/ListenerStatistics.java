package dev.binlog.spring.listener;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Calls, failures, skips, dead letters and the last error of one listener, for the endpoint and metrics. */
public final class ListenerStatistics {

    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    void invoked() {
        invocations.incrementAndGet();
    }

    void failed(Throwable error) {
        failures.incrementAndGet();
        lastError.set(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    void deadLettered() {
        deadLettered.incrementAndGet();
    }

    /** Changes this listener failed on that went to the dead letters ({@code binlog.error-handling.mode=dead-letter}). */
    public long deadLetters() {
        return deadLettered.get();
    }

    public long invocations() {
        return invocations.get();
    }

    public long failures() {
        return failures.get();
    }

    public long skippedChanges() {
        return skipped.get();
    }

    public String lastError() {
        return lastError.get();
    }
}
