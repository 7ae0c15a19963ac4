package dev.binlog.spring.actuate;

import dev.binlog.ClientState;
import dev.binlog.stream.BinlogClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code binlog} health: UP while streaming; UP while (re)connecting within a grace period, then DOWN; DOWN when
 * stopped by an error or when the stream could not start yet (with the error); OUT_OF_SERVICE when paused or
 * stopped on purpose (an operator's stop). A snapshot copying is UP, consistent (SNAPSHOTTING) or incremental
 * (STREAMING), with its progress in the details. Details never include a password or a row value.
 */
public final class BinlogHealthIndicator extends AbstractHealthIndicator {

    private final BinlogClient client;
    private final Duration grace;
    private final Clock clock;
    private final Supplier<Optional<Throwable>> startFailure;
    private volatile Instant connectingSince;

    public BinlogHealthIndicator(BinlogClient client, Duration grace, Clock clock) {
        this(client, grace, clock, Optional::empty);
    }

    /** @param startFailure why the stream has not started yet, if it failed to (see the stream's lifecycle) */
    public BinlogHealthIndicator(BinlogClient client, Duration grace, Clock clock,
            Supplier<Optional<Throwable>> startFailure) {
        super("binlog health check failed");
        this.client = client;
        this.grace = grace;
        this.clock = clock;
        this.startFailure = startFailure;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ClientState state = client.state();
        boolean connecting = state == ClientState.NEW || state == ClientState.CONNECTING
                || state == ClientState.RECONNECTING;
        if (!connecting) {
            connectingSince = null;
        } else if (connectingSince == null) {
            connectingSince = clock.instant();
        }
        Throwable notStarted = startFailure.get().orElse(null);
        if (notStarted != null && state != ClientState.STREAMING && state != ClientState.PAUSED
                && state != ClientState.SNAPSHOTTING) {
            builder.down().withDetails(details(state));
            builder.withDetail("error", notStarted.getClass().getSimpleName() + ": " + notStarted.getMessage());
            return;
        }
        switch (state) {
            // a copy can take hours: it is progress, not a connection that does not come up
            case STREAMING, SNAPSHOTTING -> builder.up();
            case PAUSED, STOPPED -> builder.status(Status.OUT_OF_SERVICE);
            case FAILED -> builder.down();
            default -> {
                Duration waited = Duration.between(connectingSince, clock.instant());
                if (waited.compareTo(grace) <= 0) {
                    builder.up();
                } else {
                    builder.down();
                }
                builder.withDetail("connectingFor", waited.toSeconds() + "s");
            }
        }
        builder.withDetails(details(state));
    }

    private Map<String, Object> details(ClientState state) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        details.put("server", BinlogServerDetails.of(client, false));
        client.currentPosition().ifPresent(p -> details.put("currentPosition", p.toString()));
        client.committedPosition().ifPresent(p -> details.put("committedPosition", p.toString()));
        client.lagSeconds().ifPresent(lag -> details.put("secondsBehind", lag));
        Instant last = client.statistics().lastEventAt();
        if (last != null) {
            details.put("secondsSinceLastEvent", Duration.between(last, clock.instant()).toMillis() / 1000.0);
        }
        BinlogSnapshotDetails.of(client, clock).ifPresent(snapshot -> details.put("snapshot", snapshot));
        client.lastError().ifPresent(e -> details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        return details;
    }
}
