package dev.binlog.client;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between a {@link ReplicationClient}'s socket reader and its delivery thread, in binlog order.
 * It holds at most {@code maxBytes} of event bytes and {@code maxItems} entries, so a slow listener stops the reader
 * (and, through TCP, the server) instead of growing the heap; an event larger than the whole bound is let in alone,
 * when the queue is empty. One producer, one consumer. {@link #close()} wakes both for good.
 */
final class EventHandOff {

    /** What the reader hands over: an event's bytes, or what happened to the connection. */
    sealed interface Item permits Event, Disconnected, End {
    }

    /** One event packet (header to checksum, without the packet's leading status byte), a copy of its own. */
    record Event(byte[] bytes) implements Item {
    }

    /** The connection was lost for a retryable reason; the reader reconnects once everything before is delivered. */
    record Disconnected(dev.binlog.BinlogException cause) implements Item {
    }

    /** The reader stopped: {@code failure} is null at the end of a non-blocking dump or on close. */
    record End(Throwable failure) implements Item {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final long maxBytes;
    private final int maxItems;
    private long bytes;
    private boolean closed;
    private boolean consumerWaiting;
    private boolean producerWaiting;

    EventHandOff(long maxBytes, int maxItems) {
        this.maxBytes = maxBytes;
        this.maxItems = maxItems;
    }

    /**
     * Appends an item, waiting while the queue is full; false (and nothing appended) once closed.
     *
     * @throws InterruptedException when the reader is interrupted while waiting
     */
    boolean put(Item item) throws InterruptedException {
        long size = size(item);
        lock.lockInterruptibly();
        try {
            while (!closed && !items.isEmpty() && (bytes + size > maxBytes || items.size() >= maxItems)) {
                producerWaiting = true;
                try {
                    notFull.await();
                } finally {
                    producerWaiting = false;
                }
            }
            if (closed) {
                return false;
            }
            items.addLast(item);
            bytes += size;
            if (consumerWaiting) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next item, waiting up to {@code timeoutMillis} for one; null when none came in time or once closed.
     *
     * @throws InterruptedException when the delivery thread is interrupted while waiting
     */
    Item take(long timeoutMillis) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (items.isEmpty() && !closed) {
                if (nanos <= 0) {
                    return null;
                }
                consumerWaiting = true;
                if (producerWaiting) {
                    notFull.signal(); // the reader may be waiting for the consumer to become idle
                }
                try {
                    nanos = notEmpty.awaitNanos(nanos);
                } finally {
                    consumerWaiting = false;
                }
            }
            if (closed) {
                return null;
            }
            Item item = items.pollFirst();
            bytes -= size(item);
            if (producerWaiting) {
                notFull.signal();
            }
            return item;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the delivery thread has handled everything handed over and waits for more: after a lost
     * connection, the position to resume from is then final. False once closed.
     */
    boolean awaitIdle() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && !(items.isEmpty() && consumerWaiting)) {
                producerWaiting = true;
                try {
                    notFull.await(100, TimeUnit.MILLISECONDS);
                } finally {
                    producerWaiting = false;
                }
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes both sides for good: the reader's puts fail, the delivery thread's takes return null. */
    void close() {
        lock.lock();
        try {
            closed = true;
            items.clear();
            bytes = 0;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of queued events (for tests and diagnostics). */
    long queuedBytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    private static long size(Item item) {
        return item instanceof Event event ? event.bytes().length : 0;
    }
}
