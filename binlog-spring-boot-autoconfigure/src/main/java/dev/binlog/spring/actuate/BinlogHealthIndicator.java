package dev.binlog.spring.actuate;

import dev.binlog.BinlogClient;
import dev.binlog.ClientState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code binlog} health: UP while streaming; UP while (re)connecting within a grace period, then DOWN; DOWN when
 * stopped by an error (with the error); OUT_OF_SERVICE when paused. Details never include a password or a row value.
 */
public final class BinlogHealthIndicator extends AbstractHealthIndicator {

    private final BinlogClient client;
    private final Duration grace;
    private final Clock clock;
    private volatile Instant connectingSince;

    public BinlogHealthIndicator(BinlogClient client, Duration grace, Clock clock) {
        super("binlog health check failed");
        this.client = client;
        this.grace = grace;
        this.clock = clock;
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
        switch (state) {
            case STREAMING -> builder.up();
            case PAUSED -> builder.status(Status.OUT_OF_SERVICE);
            case FAILED, STOPPED -> builder.down();
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
        client.lastError().ifPresent(e -> details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        return details;
    }
}
