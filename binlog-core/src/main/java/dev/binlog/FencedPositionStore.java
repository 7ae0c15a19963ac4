package dev.binlog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A position store shared by instances of which one streams at a time: the row carries a leadership epoch, and only
 * the instance holding the latest claim may save. An instance that takes over {@link #claim claims} the row, which
 * raises its epoch; from then on a save by the one before updates nothing and fails with a {@link FencedException},
 * which stops that instance's stream at once, so a deposed leader commits no position and delivers at most the
 * transaction it was in.
 */
public interface FencedPositionStore extends PositionStore {

    /**
     * Takes the row over for {@code holder}: its epoch becomes one more than that of any claim before (the row is
     * created when missing), atomically, so two instances claiming at once get different epochs.
     *
     * @param holder who claims, for the record (an instance id, a host name); at most 255 characters
     */
    Claim claim(String holder);

    /** The claim this store made, or empty before {@link #claim}. */
    Optional<Claim> claimed();

    /** Whoever holds the row now, as the table says; empty when nobody ever claimed it. */
    Optional<Claim> currentClaim();

    /**
     * One claim of the row.
     *
     * @param epoch  its epoch: 1 for the first claim, one more for each after
     * @param holder who claimed
     * @param since  when, by the database's clock
     */
    record Claim(long epoch, String holder, Instant since) {
        public Claim {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(since, "since");
        }
    }
}
