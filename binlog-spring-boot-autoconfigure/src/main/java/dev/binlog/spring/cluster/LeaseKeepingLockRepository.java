package dev.binlog.spring.cluster;

import dev.binlog.Lease;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.LockRepository;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The lock repository of the election, remembering when the lock was last taken or renewed, so that the stream's
 * {@link Lease} can end before the lock can have expired for the other instances.
 *
 * <p>{@code LockRegistryLeaderInitiator} keeps its leadership by calling {@code tryLock} every heartbeat, which
 * {@code JdbcLockRegistry} turns into {@link #acquire(String, Duration)}: an {@code UPDATE ... SET EXPIRED_AFTER = now +
 * ttl} of the lock row ({@code now} by this JVM's clock, taken inside the call). The time recorded here is taken
 * before that call, so the lease ({@code recorded + ttl - margin}) always ends before the row's expiry does. A leader
 * frozen for longer than that (SIGSTOP, a long GC pause, a database that does not answer) finds its lease gone when it
 * wakes and delivers nothing, whatever the initiator's thread has yet to notice.
 *
 * <p>It also refuses to take the lock for a while after a yield (the initiator itself tries again after 50 ms and
 * would often win its own lock back), and for good once the application stops.
 */
public final class LeaseKeepingLockRepository implements LockRepository {

    private volatile LockRepository delegate;
    private DataSource dataSource;
    private final long validNanos;
    private final LongSupplier nanoClock;
    /** {@link System#nanoTime} before the last successful acquire or renew; meaningful only while {@link #taken}. */
    private volatile long renewedAt;
    private volatile boolean taken;
    private volatile long refuseUntil;
    private volatile boolean refusing;
    private volatile boolean closed;

    /**
     * @param ttl    the lock's time to live
     * @param margin how long before the lock's expiry the lease ends: clock skew between the instances, and the time
     *               between the lease's check and the event's delivery
     */
    LeaseKeepingLockRepository(LockRepository delegate, Duration ttl, Duration margin, LongSupplier nanoClock) {
        this.delegate = delegate;
        this.validNanos = ttl.minus(margin).toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Over Spring Integration's {@link DefaultLockRepository} (table {@code INT_LOCK}) in {@code dataSource}, with
     * transactions of its own on it; made by {@link #prepare} once the database is known.
     */
    public static LeaseKeepingLockRepository jdbc(DataSource dataSource, Duration ttl, Duration margin) {
        return new LeaseKeepingLockRepository(dataSource, ttl, margin, System::nanoTime);
    }

    private LeaseKeepingLockRepository(DataSource dataSource, Duration ttl, Duration margin, LongSupplier nanoClock) {
        this((LockRepository) null, ttl, margin, nanoClock);
        this.dataSource = dataSource;
    }

    /**
     * Makes the repository for the database's platform (the suffix of Spring Integration's schema scripts). On MySQL
     * and MariaDB a standby's attempt on a lock that another holds inserts with {@code INSERT IGNORE}: the same
     * answer as the library's plain insert that fails on the key, without an error that the driver logs as a
     * warning at every try (PostgreSQL: {@code ON CONFLICT DO NOTHING}).
     */
    void prepare(String platform) {
        if (delegate != null || dataSource == null) {
            return;
        }
        DefaultLockRepository repository = new DefaultLockRepository(dataSource);
        repository.setTransactionManager(new DataSourceTransactionManager(dataSource));
        // the table is made or checked by the election's start, with an error that says what to do
        repository.setCheckDatabaseOnStart(false);
        if (platform.equals("mysql")) {
            repository.setInsertQuery(repository.getInsertQuery().replaceFirst("INSERT INTO", "INSERT IGNORE INTO"));
        } else if (platform.equals("postgresql")) {
            // as DefaultLockRepository's own documentation suggests
            repository.setInsertQuery(repository.getInsertQuery() + " ON CONFLICT DO NOTHING");
        }
        repository.afterPropertiesSet();
        repository.afterSingletonsInstantiated();
        delegate = repository;
    }

    LockRepository delegate() {
        return delegate;
    }

    /** Held while the lock was taken or renewed less than {@code ttl - margin} ago: the client's lease. */
    public Lease lease() {
        return this::held;
    }

    boolean held() {
        return taken && nanoClock.getAsLong() - renewedAt < validNanos;
    }

    /** The lease ends now (a revoke): a renewal must take the lock again first. */
    void forget() {
        taken = false;
    }

    /** Takes the lock for nobody for {@code duration}: the other instances get their chance after a yield. */
    void refuseFor(Duration duration) {
        refuseUntil = nanoClock.getAsLong() + duration.toNanos();
        refusing = true;
    }

    /** Never takes the lock again: the application stops. */
    void refuseAlways() {
        closed = true;
    }

    private boolean refused() {
        if (closed) {
            return true;
        }
        if (refusing && nanoClock.getAsLong() - refuseUntil < 0) {
            return true;
        }
        refusing = false;
        return false;
    }

    @Override
    public boolean acquire(String lock, Duration ttl) {
        return record(() -> delegate.acquire(lock, ttl));
    }

    @Override
    public boolean renew(String lock, Duration ttl) {
        return record(() -> delegate.renew(lock, ttl));
    }

    private boolean record(java.util.function.BooleanSupplier call) {
        if (refused()) {
            return false;
        }
        long before = nanoClock.getAsLong();
        boolean done = call.getAsBoolean();
        if (done) {
            renewedAt = before;
            taken = true;
        }
        return done;
    }

    @Override
    @Deprecated
    public boolean acquire(String lock) {
        throw new UnsupportedOperationException("the registry passes the time to live");
    }

    @Override
    @Deprecated
    public boolean renew(String lock) {
        throw new UnsupportedOperationException("the registry passes the time to live");
    }

    @Override
    public boolean isAcquired(String lock) {
        return delegate.isAcquired(lock);
    }

    @Override
    public boolean delete(String lock) {
        taken = false;
        return delegate.delete(lock);
    }

    @Override
    public void deleteExpired() {
        delegate.deleteExpired();
    }

    @Override
    public void close() {
        taken = false;
        if (delegate != null) {
            delegate.close();
        }
    }
}
