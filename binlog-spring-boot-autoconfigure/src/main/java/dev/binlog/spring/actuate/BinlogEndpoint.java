package dev.binlog.spring.actuate;

import dev.binlog.BinlogClient;
import dev.binlog.StreamStatistics;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.spring.listener.ListenerStatistics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/binlog}: state, server, positions, lag, counters and listener statistics; {@code POST} with
 * {@code {"action": "pause"}} or {@code "resume"} controls delivery. No password or row value is ever shown.
 */
@Endpoint(id = "binlog")
public class BinlogEndpoint {

    private final BinlogClient client;
    private final ListenerDispatcher dispatcher;

    public BinlogEndpoint(BinlogClient client, ListenerDispatcher dispatcher) {
        this.client = client;
        this.dispatcher = dispatcher;
    }

    @ReadOperation
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", client.state().name());
        client.server().ifPresentOrElse(s -> {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("host", s.host());
            server.put("port", s.port());
            server.put("flavor", s.flavor());
            server.put("version", s.version());
            server.put("serverId", s.serverId());
            server.put("binlogFormat", s.binlogFormat());
            server.put("binlogRowImage", s.binlogRowImage());
            server.put("binlogRowMetadata", s.binlogRowMetadata());
            server.put("gtidMode", s.gtidMode());
            status.put("server", server);
        }, () -> status.put("server", client.settings().host() + ":" + client.settings().port()));
        client.currentPosition().ifPresent(p -> status.put("currentPosition", p.toString()));
        client.committedPosition().ifPresent(p -> status.put("committedPosition", p.toString()));
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
        client.lastError().ifPresent(e -> status.put("lastError", e.getClass().getSimpleName() + ": "
                + e.getMessage()));
        return status;
    }

    @ReadOperation
    public Map<String, Object> listener(@Selector String listenerId) {
        ListenerStatistics stats = dispatcher.statistics().get(listenerId);
        return stats == null ? null : listener(stats);
    }

    /** {@code pause} stops delivery after the current row; {@code resume} continues it. */
    @WriteOperation
    public Map<String, Object> control(String action) {
        switch (action) {
            case "pause" -> client.pause();
            case "resume" -> client.resume();
            default -> throw new IllegalArgumentException("unknown action '" + action + "': use pause or resume");
        }
        return Map.of("state", client.state().name());
    }

    private static Map<String, Object> listener(ListenerStatistics stats) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("invocations", stats.invocations());
        map.put("failures", stats.failures());
        map.put("skipped", stats.skippedChanges());
        if (stats.lastError() != null) {
            map.put("lastError", stats.lastError());
        }
        return map;
    }
}
