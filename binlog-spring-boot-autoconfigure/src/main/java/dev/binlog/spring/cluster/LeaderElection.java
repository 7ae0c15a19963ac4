package dev.binlog.spring.cluster;

import dev.binlog.ClientState;
import dev.binlog.FencedException;
import dev.binlog.FencedPositionStore;
import dev.binlog.spring.BinlogLeadership;
import dev.binlog.spring.BinlogStateChangedEvent;
import dev.binlog.stream.BinlogClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;

/**
 * {@code binlog.cluster.mode=leader}: one instance streams. Spring Integration's {@link LockRegistryLeaderInitiator}
 * elects it with a {@link JdbcLockRegistry} lock in the application's DataSource; this is its {@link Candidate}.
 *
 * <p>On a grant the instance {@linkplain FencedPositionStore#claim claims} the position row (raising its epoch, so the
 * previous leader can save no more) and starts the client on a thread of its own, so that the initiator's thread goes
 * on renewing the lock. On a revoke it closes the client at once. The client's {@link dev.binlog.Lease} ends before the lock can
 * expire for the others ({@link LeaseKeepingLockRepository}); a stream stopped by a {@link FencedException} is not
 * started again here: the instance yields and waits for its next grant.
 *
 * <p>Stopping the application lets the listeners finish the transaction in flight while the lock is still held, then
 * releases the lock, so that a standby takes over at once instead of after the ttl.
 */
public final class LeaderElection implements Candidate, BinlogLeadership, SmartLifecycle,
        ApplicationListener<BinlogStateChangedEvent> {

    /** Set by the application: then Spring Boot's initializer, not the election, owns the INT_LOCK table. */
    public static final String INITIALIZE_SCHEMA = LockTable.INITIALIZE_SCHEMA_PROPERTY;

    /** The phase of the stream's lifecycle in mode all: started after every other bean, stopped first. */
    public static final int PHASE = Integer.MAX_VALUE - 2048;

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final BinlogClient client;
    private final FencedPositionStore store;
    private final Settings settings;
    private final ApplicationEventPublisher events;
    private final Runnable listenerCheck;
    private final DataSource dataSource;
    private final LeaseKeepingLockRepository locks;
    private final LockRegistryLeaderInitiator initiator;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong elections = new AtomicLong();
    private final Object lifecycle = new Object();
    /** One more at each grant and revoke: a start begun for an earlier grant does not start the client. */
    private final AtomicLong term = new AtomicLong();
    private volatile Role role = Role.STANDBY;
    private volatile Instant roleSince = Instant.now();
    private volatile Context context;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile Throwable startFailure;
    private volatile CountDownLatch revoked = new CountDownLatch(0);
    private boolean checked;

    /**
     * The election's settings.
     *
     * @param instanceId   who this instance is, in claims
     * @param lockName     the lock's key
     * @param ttl          the lock's time to live
     * @param heartbeat    how often the lock is renewed (and tried by the standbys)
     * @param margin       how long before the lock's expiry the lease ends
     * @param drainTimeout how long a stop waits for the transaction in flight
     * @param autoStartup  whether the election starts with the application
     * @param bootOwnsLockTable whether {@code spring.integration.jdbc.initialize-schema} is set
     */
    public record Settings(String instanceId, String lockName, Duration ttl, Duration heartbeat, Duration margin,
            Duration drainTimeout, boolean autoStartup, boolean bootOwnsLockTable) {
    }

    /**
     * @param locks         the lock's repository, whose lease the client was given
     * @param listenerCheck run before the first start of the client; throws to prevent it
     */
    public LeaderElection(BinlogClient client, FencedPositionStore store, DataSource dataSource,
            LeaseKeepingLockRepository locks, Settings settings, ApplicationEventPublisher events,
            Runnable listenerCheck) {
        this.client = client;
        this.store = store;
        this.dataSource = dataSource;
        this.settings = settings;
        this.events = events;
        this.listenerCheck = listenerCheck;
        this.locks = locks;
        JdbcLockRegistry registry = new JdbcLockRegistry(locks, settings.ttl());
        // a standby polls the lock at this pace: the takeover comes at most this late after the lock expired
        registry.setIdleBetweenTries(clamp(settings.heartbeat().dividedBy(4), Duration.ofMillis(100),
                Duration.ofSeconds(1)));
        initiator = new LockRegistryLeaderInitiator(registry, this);
        initiator.setHeartBeatMillis(settings.heartbeat().toMillis());
        initiator.setApplicationEventPublisher(events);
        initiator.setAutoStartup(false);
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }

    /**
     * A stream stopped by fencing (its lease ran out, or another instance claimed the row) is not started again on
     * its own: the leadership is given up, and the next grant (of this instance or another) starts the stream anew.
     */
    @Override
    public void onApplicationEvent(BinlogStateChangedEvent event) {
        if (!event.isRoleChange() && event.current() == ClientState.FAILED
                && event.cause() instanceof FencedException && role == Role.LEADER) {
            LOG.warn("The binlog stream of {} was fenced ({}); yielding the leadership", settings.instanceId(),
                    event.cause().getMessage());
            yieldLeadership();
        }
    }

    // --- Candidate ---

    @Override
    public String getRole() {
        return settings.lockName();
    }

    @Override
    public String getId() {
        return settings.instanceId();
    }

    @Override
    public void onGranted(Context granted) {
        context = granted;
        if (stopping) {
            granted.yield();
            return;
        }
        FencedPositionStore.Claim claim;
        try {
            claim = store.claim(settings.instanceId());
        } catch (RuntimeException e) {
            LOG.error("{} was elected binlog leader but cannot claim the position row ({}); yielding",
                    settings.instanceId(), e.getMessage());
            startFailure = e;
            // not yet the leader for yieldLeadership(), but the lock is held: give it up
            locks.refuseFor(settings.ttl());
            granted.yield();
            return;
        }
        long mine = term.incrementAndGet();
        revoked = new CountDownLatch(1);
        role = Role.LEADER;
        roleSince = clock.instant();
        elections.incrementAndGet();
        LOG.info("{} is the binlog leader (lock {}, epoch {}); starting the stream", settings.instanceId(),
                settings.lockName(), claim.epoch());
        events.publishEvent(new BinlogStateChangedEvent(this, client.state(), Role.LEADER, claim));
        Thread starter = new Thread(() -> startClient(mine), "binlog-leader-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startClient(long mine) {
        try {
            synchronized (lifecycle) {
                if (term.get() != mine || stopping) {
                    return;
                }
                if (!checked) {
                    listenerCheck.run();
                    checked = true;
                }
                client.start();
            }
            startFailure = null;
            if (term.get() != mine) {
                // revoked while it started
                client.close();
            }
        } catch (RuntimeException e) {
            startFailure = e;
            if (term.get() == mine) {
                LOG.error("The binlog leader {} cannot start the stream ({}); yielding to another instance",
                        settings.instanceId(), e.getMessage());
                yieldLeadership();
            }
        }
    }

    @Override
    public void onRevoked(Context lost) {
        locks.forget();
        term.incrementAndGet();
        boolean wasLeader = role == Role.LEADER;
        role = Role.STANDBY;
        roleSince = clock.instant();
        closeAfterStart(null);
        if (wasLeader) {
            LOG.info("{} is no longer the binlog leader (lock {}); the stream stopped", settings.instanceId(),
                    settings.lockName());
            events.publishEvent(new BinlogStateChangedEvent(this, client.state(), Role.STANDBY, null));
        }
        revoked.countDown();
    }

    // --- BinlogLeadership ---

    @Override
    public Role role() {
        return role;
    }

    @Override
    public Instant roleSince() {
        return roleSince;
    }

    @Override
    public String instanceId() {
        return settings.instanceId();
    }

    @Override
    public String lockName() {
        return settings.lockName();
    }

    @Override
    public Optional<FencedPositionStore.Claim> claim() {
        if (role == Role.LEADER) {
            return store.claimed();
        }
        try {
            return store.currentClaim();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public long elections() {
        return elections.get();
    }

    @Override
    public boolean yieldLeadership() {
        Context current = context;
        if (role != Role.LEADER || current == null) {
            return false;
        }
        locks.refuseFor(settings.ttl());
        current.yield();
        return true;
    }

    /** Why the stream could not start at the last grant (the claim, the listeners' check, the connection). */
    public Optional<Throwable> startFailure() {
        return Optional.ofNullable(startFailure);
    }

    // --- SmartLifecycle ---

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            stopping = false;
            locks.prepare(LockTable.ensure(dataSource, settings.bootOwnsLockTable()));
            running = true;
        }
        LOG.info("{} stands by for the binlog leadership (lock {}, ttl {} s, heartbeat {} ms, position store {})",
                settings.instanceId(), settings.lockName(), settings.ttl().toMillis() / 1000.0,
                settings.heartbeat().toMillis(), store);
        initiator.start();
    }

    /**
     * Closes the client once a start in progress has returned (usually within milliseconds): the core's close,
     * arriving while the client connects, waits 10 s for its reader thread.
     *
     * @param drainTimeout how long the listeners may take to finish the transaction in flight; {@code null}: none
     */
    private void closeAfterStart(Duration drainTimeout) {
        synchronized (lifecycle) {
            // a start begun for an earlier grant has returned; one not begun sees the new term or stopping
        }
        if (drainTimeout == null) {
            client.close();
        } else {
            client.close(drainTimeout);
        }
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        stopping = true;
        if (role == Role.LEADER) {
            // the transaction in flight is finished while the lock is still held: nobody else streams yet
            closeAfterStart(settings.drainTimeout());
        }
        locks.refuseAlways();
        Context current = context;
        if (role == Role.LEADER && current != null) {
            // released by the initiator's own thread, not an interrupted one, so the others need not wait for the ttl
            current.yield();
            try {
                revoked.await(settings.heartbeat().plusSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        initiator.stop();
        client.close();
        running = false;
        LOG.info("{} left the binlog election (lock {})", settings.instanceId(), settings.lockName());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return settings.autoStartup();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
