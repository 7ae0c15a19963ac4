package dev.binlog.spring.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.integration.jdbc.lock.LockRepository;

/**
 * The client's lease over the election's lock repository: held from a successful acquire or renew until ttl − margin
 * after the moment before that call (not after it: the row's expiry is computed inside the call), gone at once when
 * the lock is released, and a yield keeps this instance from taking the lock back for a while.
 */
class LeaseKeepingLockRepositoryTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean grant = new AtomicBoolean(true);
    private final AtomicLong callTakesNanos = new AtomicLong();

    private final LockRepository database = new LockRepository() {
        @Override
        public boolean acquire(String lock, Duration ttl) {
            nanos.addAndGet(callTakesNanos.get());
            return grant.get();
        }

        @Override
        public boolean renew(String lock, Duration ttl) {
            return acquire(lock, ttl);
        }

        @Override
        public boolean isAcquired(String lock) {
            return grant.get();
        }

        @Override
        public boolean delete(String lock) {
            return true;
        }

        @Override
        public void deleteExpired() {
        }

        @Override
        @SuppressWarnings("deprecation")
        public boolean acquire(String lock) {
            throw new UnsupportedOperationException();
        }

        @Override
        @SuppressWarnings("deprecation")
        public boolean renew(String lock) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    };

    private final LeaseKeepingLockRepository locks = new LeaseKeepingLockRepository(database, Duration.ofSeconds(10),
            Duration.ofSeconds(2), nanos::get);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void heldForTtlLessMarginCountedFromBeforeTheAcquire() {
        assertThat(locks.lease().held()).as("never acquired").isFalse();
        callTakesNanos.set(Duration.ofMillis(1500).toNanos());
        assertThat(locks.acquire("k", Duration.ofSeconds(10))).isTrue();
        assertThat(locks.lease().held()).isTrue();
        advance(Duration.ofMillis(6499));
        assertThat(locks.lease().held()).as("7999 ms after the call began").isTrue();
        advance(Duration.ofMillis(1));
        assertThat(locks.lease().held()).as("8 s after the call began: ttl 10 s less the 2 s margin").isFalse();
    }

    @Test
    void eachRenewalExtendsItAndAFailedOneDoesNot() {
        locks.acquire("k", Duration.ofSeconds(10));
        advance(Duration.ofSeconds(5));
        assertThat(locks.renew("k", Duration.ofSeconds(10))).isTrue();
        advance(Duration.ofSeconds(7));
        assertThat(locks.lease().held()).as("7 s after the renewal").isTrue();
        grant.set(false);
        assertThat(locks.acquire("k", Duration.ofSeconds(10))).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(locks.lease().held()).as("a refused renewal does not extend it").isFalse();
    }

    @Test
    void endsAtOnceWhenTheLockIsReleasedOrForgotten() {
        locks.acquire("k", Duration.ofSeconds(10));
        locks.delete("k");
        assertThat(locks.lease().held()).isFalse();
        locks.acquire("k", Duration.ofSeconds(10));
        locks.forget();
        assertThat(locks.lease().held()).isFalse();
    }

    @Test
    void aYieldRefusesTheLockForAWhileAndAStopForGood() {
        locks.refuseFor(Duration.ofSeconds(10));
        assertThat(locks.acquire("k", Duration.ofSeconds(10))).isFalse();
        advance(Duration.ofSeconds(10));
        assertThat(locks.acquire("k", Duration.ofSeconds(10))).isTrue();
        locks.refuseAlways();
        advance(Duration.ofDays(1));
        assertThat(locks.acquire("k", Duration.ofSeconds(10))).isFalse();
    }
}
