package dev.binlog.sample;

import org.springframework.context.SmartLifecycle;

/**
 * Stops the embedded MariaDB when the application context closes, in the last phase: after the binlog stream (which
 * lets its listeners finish the transaction in flight and commits its position) and the web server, so that the
 * stream never sees its server go away. The server was started before the context, by
 * {@link EmbeddedDatabaseEnvironment}.
 */
final class EmbeddedDatabaseLifecycle implements SmartLifecycle {

    private final EmbeddedDatabase db;

    EmbeddedDatabaseLifecycle(EmbeddedDatabase db) {
        this.db = db;
    }

    EmbeddedDatabase database() {
        return db;
    }

    @Override
    public void start() {
        // Already running: the data source needed it before the context existed.
    }

    @Override
    public void stop() {
        db.stop();
    }

    @Override
    public boolean isRunning() {
        return db.isRunning();
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
