package dev.binlog.spring.listener;

import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;

/**
 * Sees what the dispatcher does, for metrics and tracing: every change delivered to the listeners (only changes of
 * tables that pass the filters reach the dispatcher), every snapshot marker and every listener invocation. Called on the stream's thread;
 * implementations must be quick and must not throw.
 */
public interface DispatchObserver {

    DispatchObserver NONE = new DispatchObserver() {
    };

    /** A row change arrived for the listeners. */
    default void changeDispatched(RowChange change) {
    }

    /** A snapshot, or one table's copy, started or finished. */
    default void snapshotMarker(SnapshotMarker marker) {
    }

    /** Runs one invocation of listener {@code listenerId}; wrap it to time or trace it, and always run it once. */
    default void invocation(String listenerId, Invocation invocation) throws Exception {
        invocation.run();
    }

    /** One call of a listener method (with its argument mapping). */
    @FunctionalInterface
    interface Invocation {
        void run() throws Exception;
    }
}
