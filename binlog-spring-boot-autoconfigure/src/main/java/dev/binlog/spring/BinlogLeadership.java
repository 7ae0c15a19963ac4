package dev.binlog.spring;

import dev.binlog.FencedPositionStore;
import java.time.Instant;
import java.util.Optional;

/**
 * This instance's part in the election of {@code binlog.cluster.mode=leader}: the leader streams, the others stand
 * by. A bean only in that mode; health, the {@code binlog} endpoint and the {@code binlog.cluster.*} meters read it.
 */
public interface BinlogLeadership {

    /** Whether this instance streams. */
    enum Role {
        /** Holds the lock and streams. */
        LEADER,
        /** Waits for the lock; delivers nothing. */
        STANDBY
    }

    Role role();

    /** When this instance took its present role (its start, for a standby that never led). */
    Instant roleSince();

    /** This instance in claims, health and the endpoint ({@code binlog.cluster.instance-id}). */
    String instanceId();

    /** The name of the leadership lock ({@code binlog.cluster.lock-name}). */
    String lockName();

    /**
     * The claim of the position row: this instance's own while it leads; otherwise the latest one as the table says
     * (the leader's, or the last leader's), empty when nobody ever claimed the row or the table cannot be read.
     */
    Optional<FencedPositionStore.Claim> claim();

    /** How many times this instance was granted the leadership. */
    long elections();

    /**
     * Hands the leadership to another instance: the stream stops at once, the lock is released, and this instance
     * does not try to take it again for {@code binlog.cluster.ttl}, so that another standby takes over (or, if there
     * is none, this one again after that time).
     *
     * @return false when this instance is not the leader (nothing happens)
     */
    boolean yieldLeadership();
}
