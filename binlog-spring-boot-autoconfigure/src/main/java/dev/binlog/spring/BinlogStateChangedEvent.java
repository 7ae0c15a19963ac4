package dev.binlog.spring;

import dev.binlog.ClientState;
import dev.binlog.FencedPositionStore;
import org.springframework.context.ApplicationEvent;

/**
 * Published on every change of the stream's state (connected = STREAMING, disconnected = RECONNECTING, PAUSED,
 * resumed, STOPPED, stopped by error = FAILED with its cause), so applications can react with an
 * {@code @EventListener}. Published on the thread that changed the state: keep handlers short.
 *
 * <p>In {@code binlog.cluster.mode=leader} also when this instance is granted the leadership ({@link #role()}
 * {@code LEADER}, with the {@link #claim()} of the position row it streams under) and when it loses it
 * ({@code STANDBY}); such an event carries the client's state at that moment as both {@link #previous()} and
 * {@link #current()}, and {@link #isRoleChange()} tells it from a state change.
 */
public class BinlogStateChangedEvent extends ApplicationEvent {

    private final ClientState previous;
    private final ClientState current;
    private final transient Throwable cause;
    private final BinlogLeadership.Role role;
    private final FencedPositionStore.Claim claim;

    public BinlogStateChangedEvent(Object source, ClientState previous, ClientState current, Throwable cause) {
        this(source, previous, current, cause, null, null);
    }

    /**
     * A change of this instance's role in the election.
     *
     * @param state the client's state at that moment
     * @param role  the role taken
     * @param claim the position row's claim made on a grant; {@code null} on a revoke
     */
    public BinlogStateChangedEvent(Object source, ClientState state, BinlogLeadership.Role role,
            FencedPositionStore.Claim claim) {
        this(source, state, state, null, java.util.Objects.requireNonNull(role, "role"), claim);
    }

    private BinlogStateChangedEvent(Object source, ClientState previous, ClientState current, Throwable cause,
            BinlogLeadership.Role role, FencedPositionStore.Claim claim) {
        super(source);
        this.previous = previous;
        this.current = current;
        this.cause = cause;
        this.role = role;
        this.claim = claim;
    }

    public ClientState previous() {
        return previous;
    }

    public ClientState current() {
        return current;
    }

    /** The error behind RECONNECTING or FAILED, else {@code null}. */
    public Throwable cause() {
        return cause;
    }

    /** Whether this event is a grant or a revoke of the leadership rather than a change of the stream's state. */
    public boolean isRoleChange() {
        return role != null;
    }

    /** The role taken, for a grant or a revoke; {@code null} for a change of the stream's state. */
    public BinlogLeadership.Role role() {
        return role;
    }

    /** The claim of the position row made on a grant; else {@code null}. */
    public FencedPositionStore.Claim claim() {
        return claim;
    }

    @Override
    public String toString() {
        return role != null ? "BinlogStateChangedEvent[role " + role + (claim == null ? "" : ", epoch "
                + claim.epoch()) + ", state " + current + "]"
                : "BinlogStateChangedEvent[" + previous + " -> " + current + "]";
    }
}
