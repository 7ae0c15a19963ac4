package dev.binlog.spring.listener;

import dev.binlog.RowChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code binlog.error-handling.mode=dead-letter} keeps a row change whose listener still failed after its
 * retries, so that the stream can go on and the change can be looked at and replayed later ({@link JdbcDeadLetters}).
 * A write that fails throws, and the stream stops with that error: a change is never lost silently.
 */
public interface DeadLetters {

    /** Keeps the change that {@code listenerId} failed on; returns the dead letter's id. */
    long write(String listenerId, RowChange change, Exception error);

    /** How many dead letters there are, replayed or not. */
    long count();

    /** The newest dead letters first, at most {@code limit}. */
    List<DeadLetter> latest(int limit);

    /** The dead letter with this id, with its payload. */
    Optional<DeadLetter> find(long id);

    /** Records that the dead letter was replayed now. */
    void markReplayed(long id, Instant at);

    /**
     * One dead letter.
     *
     * @param key     the primary key as JSON
     * @param payload the change as JSON ({@link DeadLetterPayload})
     */
    record DeadLetter(long id, String listener, String table, String key, String position, String gtid,
            String error, String payload, Instant createdAt, Instant replayedAt) {

        /** The payload is left out: it holds row values. */
        @Override
        public String toString() {
            return "DeadLetter[" + id + " " + listener + " " + table + " at " + position + "]";
        }
    }
}
