package dev.binlog.spring.actuate;

import dev.binlog.ClientState;
import dev.binlog.spring.BinlogLeadership;
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
 * (STREAMING), with its progress in the details. In {@code binlog.cluster.mode=leader} a standby is UP (waiting for
 * the lock is its job), and the details carry the {@code role} and the {@code cluster}: role, holder, epoch and since
 * when of the position row's claim. Details never include a password or a row value.
 */
public final class BinlogHealthIndicator extends AbstractHealthIndicator {

    private final BinlogClient client;
    private final Duration grace;
    private final Clock clock;
    private final Supplier<Optional<Throwable>> startFailure;
    private final BinlogLeadership leadership;
    private volatile Instant connectingSince;

    public BinlogHealthIndicator(BinlogClient client, Duration grace, Clock clock) {
        this(client, grace, clock, Optional::empty);
    }

    /** @param startFailure why the stream has not started yet, if it failed to (see the stream's lifecycle) */
    public BinlogHealthIndicator(BinlogClient client, Duration grace, Clock clock,
            Supplier<Optional<Throwable>> startFailure) {
        this(client, grace, clock, startFailure, null);
    }

    /**
     * @param leadership the election of {@code binlog.cluster.mode=leader}, else {@code null}: a standby is UP, with
     *                   its role and the leader's claim in the details
     */
    public BinlogHealthIndicator(BinlogClient client, Duration grace, Clock clock,
            Supplier<Optional<Throwable>> startFailure, BinlogLeadership leadership) {
        super("binlog health check failed");
        this.client = client;
        this.grace = grace;
        this.clock = clock;
        this.startFailure = startFailure;
        this.leadership = leadership;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (leadership != null) {
            builder.withDetail("cluster", BinlogClusterDetails.of(leadership));
            if (leadership.role() == BinlogLeadership.Role.STANDBY) {
                // waiting for the lock is this instance's job, not a fault; its stream is stopped on purpose
                connectingSince = null;
                builder.up().withDetail("role", "standby").withDetail("state", client.state().name());
                client.committedPosition().ifPresent(p -> builder.withDetail("committedPosition", p.toString()));
                return;
            }
            builder.withDetail("role", "leader");
        }
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
