package dev.binlog;

/**
 * Whether this instance may still deliver, asked by the stream before each event it hands on: an elector gives one
 * that turns false when its lease could have expired for the others (its last renewal plus the lease's time to live),
 * so that an instance frozen for longer than that (a long GC pause, SIGSTOP) delivers nothing when it wakes, even
 * before it learns that another took over. Must be cheap: a clock read and a comparison.
 */
@FunctionalInterface
public interface Lease {

    /** Always held: for a client that streams on its own. */
    Lease ALWAYS = () -> true;

    boolean held();
}
