package dev.binlog.spring.actuate;

import dev.binlog.BinlogException;
import dev.binlog.BinlogPosition;
import dev.binlog.ConfigurationException;
import dev.binlog.GtidState;
import dev.binlog.StartPosition;
import dev.binlog.StreamStatistics;
import dev.binlog.spring.BinlogLeadership;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.spring.listener.ListenerStatistics;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotHandle;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/binlog}: state, server, positions, lag, counters and listener statistics. Read-only unless
 * {@code management.endpoint.binlog.access=unrestricted}; then {@code POST} with {@code {"action": ...}} controls the
 * stream: {@code pause}, {@code resume}, {@code stop} (after the transaction in flight), {@code start},
 * {@code restart}, and {@code position} with {@code file} + {@code position} or {@code gtidSet} (only while stopped)
 * to choose where the next start begins; {@code snapshot} with {@code tables} asks the running stream for an
 * incremental snapshot of them and answers its {@code id} and {@code tables}, and {@code snapshot-pause},
 * {@code snapshot-resume}, {@code snapshot-cancel} control the one in progress ({@link SnapshotActions}). In
 * {@code binlog.cluster.mode=leader} the status has the election's {@code cluster} details, {@code yield} (on the
 * leader) hands the stream to another instance, and start, stop, restart and position are refused: the election
 * starts and stops the stream. Under {@code binlog.error-handling.mode=dead-letter} the status has
 * {@code deadLetters} (their {@code count} and the {@code latest} 20), and {@code replay} with {@code id} delivers
 * that dead letter to its listener once more ({@link DeadLetterReplay}; {@code "force": true} replays one already
 * replayed). A rejected
 * action answers 400 with {@code {"error": "why"}}; one the server refuses (a start that cannot connect, a signal
 * table the user may not write) 503 with the error. No password or row value is ever shown.
 */
@Endpoint(id = "binlog", defaultAccess = Access.READ_ONLY)
public class BinlogEndpoint {

    private final BinlogClient client;
    private final ListenerDispatcher dispatcher;
    private final Duration drainTimeout;
    private final SnapshotActions snapshots;
    private final @Nullable BinlogLeadership leadership;
    private final DeadLetterReplay deadLetterReplay;

    public BinlogEndpoint(BinlogClient client, ListenerDispatcher dispatcher, Duration drainTimeout) {
        this(client, dispatcher, drainTimeout, null);
    }

    /** @param leadership the election of {@code binlog.cluster.mode=leader}, else {@code null} */
    public BinlogEndpoint(BinlogClient client, ListenerDispatcher dispatcher, Duration drainTimeout,
            @Nullable BinlogLeadership leadership) {
        this.client = client;
        this.dispatcher = dispatcher;
        this.drainTimeout = drainTimeout;
        this.snapshots = new SnapshotActions(client);
        this.leadership = leadership;
        this.deadLetterReplay = new DeadLetterReplay(dispatcher);
    }

    @ReadOperation
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", client.state().name());
        if (leadership != null) {
            status.put("cluster", BinlogClusterDetails.of(leadership));
        }
        status.put("server", BinlogServerDetails.of(client, true));
        client.currentPosition().ifPresent(p -> status.put("currentPosition", position(p)));
        client.committedPosition().ifPresent(p -> status.put("committedPosition", position(p)));
        client.lagSeconds().ifPresent(lag -> status.put("secondsBehind", lag));
        StreamStatistics statistics = client.statistics();
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("events", statistics.events());
        counters.put("rows", statistics.rows());
        counters.put("transactions", statistics.transactions());
        counters.put("reconnects", statistics.reconnects());
        counters.put("positionCommits", statistics.positionCommits());
        status.put("counters", counters);
        Map<String, Object> listeners = new LinkedHashMap<>();
        dispatcher.statistics().forEach((id, stats) -> listeners.put(id, listener(stats)));
        status.put("listeners", listeners);
        if (dispatcher.deadLetters() != null) {
            status.put("deadLetters", deadLetterReplay.details());
        }
        BinlogSnapshotDetails.of(client, Clock.systemUTC()).ifPresent(snapshot -> status.put("snapshot", snapshot));
        client.lastError().ifPresent(e -> status.put("lastError", e.getClass().getSimpleName() + ": "
                + e.getMessage()));
        return status;
    }

    @ReadOperation
    public @Nullable Map<String, Object> listener(@Selector String listenerId) {
        ListenerStatistics stats = dispatcher.statistics().get(listenerId);
        return stats == null ? null : listener(stats);
    }

    /** {@link #control(String, String, Long, String, List, Long, Boolean)} without a dead letter's id. */
    public WebEndpointResponse<Map<String, Object>> control(String action, @Nullable String file,
            @Nullable Long position, @Nullable String gtidSet, @Nullable List<String> tables) {
        return control(action, file, position, gtidSet, tables, null, null);
    }

    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> control(String action, @Nullable String file,
            @Nullable Long position, @Nullable String gtidSet, @Nullable List<String> tables, @Nullable Long id,
            @Nullable Boolean force) {
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            if ("replay".equals(action)) {
                result.putAll(deadLetterReplay.replay(id, Boolean.TRUE.equals(force)));
                return new WebEndpointResponse<>(withState(result), WebEndpointResponse.STATUS_OK);
            }
            if (leadership != null && ELECTED.contains(action)) {
                throw new InvalidEndpointRequestException("binlog.cluster.mode=leader: the election starts and stops"
                        + " the stream, so '" + action + "' is refused; POST {\"action\": \"yield\"} to the "
                        + "leader hands the stream to another instance", "stream elected");
            }
            switch (action) {
                case "yield" -> result.put("yielded", yieldLeadership());
                case "pause" -> client.pause();
                case "resume" -> client.resume();
                case "stop" -> client.close(drainTimeout);
                case "start" -> client.start();
                case "restart" -> client.restart(drainTimeout);
                case "position" -> reposition(file, position, gtidSet);
                case "snapshot" -> result.put("snapshot", handle(snapshots.request(tables)));
                case "snapshot-pause", "snapshot-resume", "snapshot-cancel" -> snapshots.control(action);
                default -> throw new InvalidEndpointRequestException("unknown action '" + action + "': use pause, "
                        + "resume, stop, start, restart, position, snapshot, snapshot-pause, snapshot-resume, "
                        + "snapshot-cancel, replay or yield", "unknown action");
            }
        } catch (InvalidEndpointRequestException e) {
            return response(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        } catch (BinlogException e) {
            return response(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, e.getMessage());
        } catch (DeadLetterReplay.ReplayFailedException e) {
            return response(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, e.getMessage());
        }
        return new WebEndpointResponse<>(withState(result), WebEndpointResponse.STATUS_OK);
    }

    private Map<String, Object> withState(Map<String, Object> result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", client.state().name());
        if (leadership != null) {
            body.put("role", leadership.role().name().toLowerCase(java.util.Locale.ROOT));
        }
        body.putAll(result);
        return body;
    }

    /** Actions that would start or stop the stream behind the election's back. */
    private static final java.util.Set<String> ELECTED = java.util.Set.of("start", "stop", "restart", "position");

    private boolean yieldLeadership() {
        if (leadership == null) {
            throw new InvalidEndpointRequestException("action 'yield' is for binlog.cluster.mode=leader; this "
                    + "instance streams on its own (mode all)", "not elected");
        }
        if (!leadership.yieldLeadership()) {
            String holder = leadership.claim().map(c -> " (the leader is " + c.holder() + ", epoch " + c.epoch()
                    + ")").orElse("");
            throw new InvalidEndpointRequestException("this instance (" + leadership.instanceId() + ") is a "
                    + "standby: yield on the leader" + holder, "not the leader");
        }
        return true;
    }

    private static Map<String, Object> handle(SnapshotHandle handle) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", handle.id());
        map.put("tables", handle.tables());
        return map;
    }

    private WebEndpointResponse<Map<String, Object>> response(int status, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", client.state().name());
        body.put("error", error);
        return new WebEndpointResponse<>(body, status);
    }

    private void reposition(@Nullable String file, @Nullable Long position, @Nullable String gtidSet) {
        StartPosition start;
        if (gtidSet != null && file == null && position == null) {
            try {
                start = StartPosition.gtid(GtidState.parseStored(gtidSet));
            } catch (ConfigurationException e) {
                throw new InvalidEndpointRequestException(e.getMessage(), "invalid position");
            }
        } else if (file != null && position != null && gtidSet == null) {
            try {
                start = StartPosition.at(file, position);
            } catch (IllegalArgumentException e) {
                throw new InvalidEndpointRequestException(e.getMessage(), "invalid position");
            }
        } else {
            throw new InvalidEndpointRequestException("action 'position' needs file and position, or gtidSet",
                    "missing position");
        }
        try {
            client.startAt(start);
        } catch (IllegalStateException e) {
            throw new InvalidEndpointRequestException(e.getMessage() + " (POST {\"action\": \"stop\"})",
                    "stream running");
        }
    }

    private static Map<String, Object> position(BinlogPosition position) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("file", position.file());
        map.put("position", position.position());
        if (position.gtidState() != null) {
            map.put("gtidSet", position.gtidState().toString());
        }
        if (position.snapshot() != null) {
            map.put("snapshot", position.snapshot().toString());
        }
        return map;
    }

    private Map<String, Object> listener(ListenerStatistics stats) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("invocations", stats.invocations());
        map.put("failures", stats.failures());
        map.put("skipped", stats.skippedChanges());
        if (dispatcher.deadLetters() != null) {
            map.put("deadLetters", stats.deadLetters());
        }
        if (stats.lastError() != null) {
            map.put("lastError", stats.lastError());
        }
        return map;
    }
}
