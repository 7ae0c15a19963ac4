package dev.binlog.fuzz;

import dev.binlog.BinlogException;
import dev.binlog.DecodeException;
import dev.binlog.ProtocolException;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.DeleteRowsEvent;
import dev.binlog.event.RowImage;
import dev.binlog.event.TransactionPayloadEvent;
import dev.binlog.event.UpdateRowsEvent;
import dev.binlog.event.UpdatedRow;
import dev.binlog.event.WriteRowsEvent;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What every fuzz target asserts: any input gives a value or a {@link DecodeException} (the packet layer: a
 * {@link ProtocolException}), never another exception, and never allocates more than {@code k} bytes per input byte
 * plus a constant. A hang is caught by the {@code @Timeout} on each target (libFuzzer's {@code -timeout} when fuzzing).
 *
 * <p>Allocation is counted with {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} for the calling thread,
 * around decoding <em>and</em> reading every value (rows decoded on access, the inner events of a transaction payload),
 * since that is where a user pays for it.
 */
public final class FuzzContract {

    /**
     * Allowed for any input, whatever its size: the first decode of a path loads classes and builds tables (charsets,
     * the registry), and the packet layer starts with two 64 KiB stream buffers and a 16 KiB payload buffer.
     */
    static final long CONSTANT = 2L << 20;

    private static final long MAX_EXTRA = 1L << 48;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FuzzContract() {
    }

    /** Something a target does with its input; may throw what the contract allows. */
    @FunctionalInterface
    public interface Work {
        void run(Budget budget);
    }

    /** Bytes a target may spend on top of its input: what the transaction payloads it met announced uncompressed. */
    public static final class Budget {
        private long extra;

        public void add(long bytes) {
            // A damaged size field may announce up to 2^64: what is allowed then is unbounded, never negative.
            extra = bytes >= MAX_EXTRA - extra ? MAX_EXTRA : extra + Math.max(0, bytes);
        }
    }

    /**
     * Runs {@code work}, lets a {@link DecodeException} (or, with {@code protocolToo}, a {@link ProtocolException})
     * through as a good outcome, and fails when more than {@code perByte * budgetBytes + CONSTANT} bytes were
     * allocated.
     * Every other throwable propagates: Jazzer reports it as a finding.
     */
    public static void check(String target, long budgetBytes, int perByte, boolean protocolToo, Work work) {
        Budget budget = new Budget();
        long allocated = allocatedBy(work, budget, protocolToo);
        long allowed = perByte * (budgetBytes + budget.extra) + CONSTANT;
        if (allocated > allowed) {
            // The first run of a path loads classes, which Jazzer's agent transforms on this thread: count a second.
            budget = new Budget();
            allocated = allocatedBy(work, budget, protocolToo);
            allowed = perByte * (budgetBytes + budget.extra) + CONSTANT;
        }
        if (allocated > allowed) {
            throw new AssertionError(target + ": " + budgetBytes + " input bytes (+ " + budget.extra + " announced"
                    + " uncompressed) allocated " + allocated + " bytes, more than " + perByte + " per byte + "
                    + CONSTANT);
        }
    }

    private static long allocatedBy(Work work, Budget budget, boolean protocolToo) {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        try {
            work.run(budget);
        } catch (DecodeException expected) {
            requireMessage(expected);
        } catch (ProtocolException expected) {
            if (!protocolToo) {
                throw expected;
            }
            requireMessage(expected);
        }
        return THREADS.getThreadAllocatedBytes(thread) - before;
    }

    /** A decode error names where and what: an empty message would leave the user guessing. */
    private static void requireMessage(BinlogException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("exception without a message", e);
        }
    }

    /**
     * Reads everything a user could read from an event: every value of every row image (decoded on access in lazy
     * mode) and every inner event of a transaction payload, recursively, adding what a payload announced to the budget.
     */
    public static void consume(BinlogEvent event, Budget budget) {
        if (event instanceof WriteRowsEvent w) {
            images(w.rows());
        } else if (event instanceof DeleteRowsEvent d) {
            images(d.rows());
        } else if (event instanceof UpdateRowsEvent u) {
            for (UpdatedRow row : u.rows()) {
                image(row.before());
                image(row.after());
                row.jsonDiffs().size();
            }
        } else if (event instanceof TransactionPayloadEvent payload) {
            // The decoder stops a payload at its announced size (or 64 x its compressed size when none is announced).
            budget.add(payload.uncompressedSize() > 0 ? payload.uncompressedSize()
                    : payload.header().eventLength() * 64 + 1024);
            for (BinlogEvent inner : payload.events()) {
                consume(inner, budget);
            }
        }
    }

    private static void images(List<RowImage> images) {
        for (RowImage image : images) {
            image(image);
        }
    }

    private static void image(RowImage image) {
        for (int i = 0; i < image.columnCount(); i++) {
            image.get(i);
        }
    }
}
