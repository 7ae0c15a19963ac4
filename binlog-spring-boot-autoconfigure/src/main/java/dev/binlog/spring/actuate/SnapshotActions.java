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
 * resumes or cancels the one in progress. The core controls a snapshot only through a handle its request returned
 * (whichever snapshot is in progress then, not only the one asked for), so the last handle is kept; until a request
 * went through here (the start's own snapshot, one a signal row asked for) there is none, and the refusal says to
 * insert the signal row instead. A refused request is an {@link InvalidEndpointRequestException}.
 */
final class SnapshotActions {

    private final BinlogClient client;
    private volatile @Nullable SnapshotHandle last;

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
        last = handle;
        return handle;
    }

    void control(String action) {
        SnapshotProgress progress = client.snapshotProgress().orElse(null);
        // a consistent copy (SNAPSHOTTING) is one transaction: the stream's own pause is what holds it
        if (progress == null || progress.finished() || client.state() == ClientState.SNAPSHOTTING) {
            throw new InvalidEndpointRequestException("no incremental snapshot is in progress to " + verb(action)
                    + " (client " + client.state() + ")", "no incremental snapshot");
        }
        SnapshotHandle handle = last;
        if (handle == null) {
            throw new InvalidEndpointRequestException("the incremental snapshot in progress was not asked for"
                    + " through this endpoint, so it has no handle here; insert a '" + signal(action) + "' row into the"
                    + " signal table instead", "no snapshot handle");
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

    /** The signal row type that does what {@code action} does. */
    private static String signal(String action) {
        return switch (action) {
            case "snapshot-pause" -> "pause-snapshot";
            case "snapshot-resume" -> "resume-snapshot";
            default -> "stop-snapshot";
        };
    }
}
