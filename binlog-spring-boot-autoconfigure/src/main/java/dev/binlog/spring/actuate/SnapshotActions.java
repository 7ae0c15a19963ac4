package dev.binlog.spring.actuate;

import dev.binlog.ClientState;
import dev.binlog.ConfigurationException;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotHandle;
import dev.binlog.stream.SnapshotProgress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The {@code binlog} endpoint's snapshot actions: asks the running client for an incremental snapshot, and pauses,
 * resumes or cancels the one in progress, however it was asked for ({@link BinlogClient#runningSnapshot()}). A refused
 * request is an {@link InvalidEndpointRequestException}.
 */
final class SnapshotActions {

    private final BinlogClient client;

    SnapshotActions(BinlogClient client) {
        this.client = client;
    }

    SnapshotHandle request(@Nullable List<String> tables) {
        if (tables == null || tables.isEmpty() || tables.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new InvalidEndpointRequestException("action 'snapshot' needs tables: {\"action\": \"snapshot\", "
                    + "\"tables\": [\"shop.orders\"]}", "missing tables");
        }
        SnapshotHandle handle;
        try {
            handle = client.snapshot(tables.toArray(String[]::new));
        } catch (ConfigurationException | IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), "snapshot refused");
        } catch (IllegalStateException e) {
            throw new InvalidEndpointRequestException(e.getMessage() + " (POST {\"action\": \"start\"})",
                    "stream not running");
        }
        return handle;
    }

    void control(String action) {
        SnapshotProgress progress = client.snapshotProgress().orElse(null);
        // a consistent copy (SNAPSHOTTING) is one transaction: the stream's own pause is what holds it
        if (progress == null || progress.finished() || client.state() == ClientState.SNAPSHOTTING) {
            throw new InvalidEndpointRequestException("no incremental snapshot is in progress to " + verb(action)
                    + " (client " + client.state() + ")", "no incremental snapshot");
        }
        SnapshotHandle handle = client.runningSnapshot().orElse(null);
        if (handle == null) {
            throw new InvalidEndpointRequestException("no incremental snapshot is in progress to " + verb(action)
                    + " (client " + client.state() + ")", "no incremental snapshot");
        }
        try {
            switch (action) {
                case "snapshot-pause" -> handle.pause();
                case "snapshot-resume" -> handle.resume();
                default -> handle.cancel();
            }
        } catch (IllegalStateException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), "no incremental snapshot");
        }
    }

    private static String verb(String action) {
        return action.substring("snapshot-".length());
    }
}
