package dev.binlog.spring.autoconfigure;

import dev.binlog.BinlogClient;
import dev.binlog.BinlogException;
import dev.binlog.ClientState;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the stream late (after every other bean, so listeners and their collaborators are ready) and stops it early.
 * A server that is down does not stop the application from starting, unless {@code binlog.fail-fast=true}. Stopping
 * lets the listeners finish the transaction in flight and commits its position, within the shutdown phase's timeout
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}, 30 s by default).
 */
public final class BinlogStreamLifecycle implements SmartLifecycle {

    /** Late start, early stop: just inside the web server's phase. */
    public static final int PHASE = Integer.MAX_VALUE - 2048;

    private static final Logger LOG = LoggerFactory.getLogger(BinlogStreamLifecycle.class);

    private final BinlogClient client;
    private final boolean autoStartup;
    private final boolean failFast;
    private final Duration startTimeout;
    private final Duration drainTimeout;
    private volatile boolean running;

    public BinlogStreamLifecycle(BinlogClient client, boolean autoStartup, boolean failFast, Duration startTimeout,
            Duration drainTimeout) {
        this.client = client;
        this.autoStartup = autoStartup;
        this.failFast = failFast;
        this.startTimeout = startTimeout;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void start() {
        client.start();
        running = true;
        if (failFast) {
            long deadline = System.nanoTime() + startTimeout.toNanos();
            while (client.state() != ClientState.STREAMING && System.nanoTime() < deadline) {
                if (client.state() == ClientState.FAILED || client.state() == ClientState.RECONNECTING) {
                    break;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (client.state() != ClientState.STREAMING) {
                Throwable cause = client.lastError().orElse(null);
                client.close();
                running = false;
                throw new BinlogException("binlog.fail-fast=true and the stream did not start (state "
                        + client.state() + ")" + (cause == null ? "" : ": " + cause.getMessage()), cause);
            }
        }
        LOG.info("Binlog stream starting from {}:{}", client.settings().host(), client.settings().port());
    }

    @Override
    public void stop() {
        if (running) {
            client.close(drainTimeout);
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
