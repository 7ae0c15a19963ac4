package dev.binlog.spring.actuate;

import dev.binlog.RowChange;
import dev.binlog.spring.listener.DeadLetterPayload;
import dev.binlog.spring.listener.DeadLetters;
import dev.binlog.spring.listener.DeadLetters.DeadLetter;
import dev.binlog.spring.listener.ListenerDispatcher;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The endpoint's dead letters: their details for the status, and {@code replay}, which rebuilds the change from the
 * dead letter's JSON payload and delivers it to its listener once on the caller's thread, through
 * {@link ListenerDispatcher#replay}, which holds the lock every delivery of the stream holds: the replay waits for
 * the delivery in progress and the stream waits for the replay, so the two never run at the same time. Only a replay
 * that returned marks the dead letter replayed.
 */
final class DeadLetterReplay {

    static final int LATEST = 20;

    private final ListenerDispatcher dispatcher;

    DeadLetterReplay(ListenerDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    Map<String, Object> details() {
        DeadLetters letters = dispatcher.deadLetters();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", letters.count());
        List<Map<String, Object>> latest = letters.latest(LATEST).stream().map(DeadLetterReplay::letter).toList();
        map.put("latest", latest);
        return map;
    }

    Map<String, Object> replay(Long id, boolean force) {
        DeadLetters letters = dispatcher.deadLetters();
        if (letters == null) {
            throw new InvalidEndpointRequestException("action 'replay' is for binlog.error-handling.mode=dead-letter",
                    "no dead letters");
        }
        if (id == null) {
            throw new InvalidEndpointRequestException("action 'replay' needs the dead letter's id", "missing id");
        }
        DeadLetter letter = letters.find(id).orElseThrow(() -> new InvalidEndpointRequestException("no dead letter "
                + id, "unknown dead letter"));
        if (letter.replayedAt() != null && !force) {
            throw new InvalidEndpointRequestException("dead letter " + id + " was already replayed at "
                    + letter.replayedAt() + "; add \"force\": true to replay it again", "already replayed");
        }
        RowChange change = DeadLetterPayload.fromJson(letter.payload());
        try {
            dispatcher.replay(letter.listener(), change);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException("dead letter " + id + ": " + e.getMessage(), "unknown listener");
        } catch (Exception e) {
            throw new ReplayFailedException("listener " + letter.listener() + " failed again on dead letter " + id
                    + ": " + e.getClass().getName() + ": " + e.getMessage(), e);
        }
        letters.markReplayed(id, Instant.now());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("replayed", id);
        result.put("listener", letter.listener());
        return result;
    }

    private static Map<String, Object> letter(DeadLetter letter) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", letter.id());
        map.put("listener", letter.listener());
        map.put("table", letter.table());
        map.put("key", letter.key());
        map.put("position", letter.position());
        map.put("error", letter.error());
        map.put("createdAt", letter.createdAt() == null ? null : letter.createdAt().toString());
        map.put("replayedAt", letter.replayedAt() == null ? null : letter.replayedAt().toString());
        return map;
    }

    /** The listener threw again: answered 500 with the error. */
    static final class ReplayFailedException extends RuntimeException {
        ReplayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
