package dev.binlog.kafka;

import dev.binlog.BinlogPosition;
import dev.binlog.PositionStore;
import dev.binlog.Transaction;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once without waiting on the stream's thread: an idempotent producer sends; the records of each binlog
 * transaction form a group, and the position the client saves after that transaction goes to the application's store
 * only once the broker acknowledged every record of the group and of all groups before it (a thread of the sink's
 * does the saving, in order). A failed record stops the stream at its next change and no later position is saved;
 * a crash publishes again only what was in flight. While the broker is away the groups wait and the stream goes on
 * sending until the producer's buffer is full (then it waits too); at most {@value #MAX_GROUPS} transactions wait.
 */
final class AcknowledgedPublisher implements Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgedPublisher.class);
    private static final int MAX_GROUPS = 10_000;
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final Object lock = new Object();
    /** Closed groups in commit order, each waiting for its acknowledgements; guarded by {@link #lock}. */
    private final Deque<Group> waiting = new ArrayDeque<>();
    private Group open;
    private RuntimeException failure;
    private long acknowledged;
    private PositionStore store;
    private Thread saver;
    private boolean closing;

    AcknowledgedPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** The records of one binlog transaction (or of a schema change, a snapshot table) and the position after them. */
    private static final class Group {
        int outstanding;
        BinlogPosition position;
        String where;
    }

    @Override
    public void begin(Transaction transaction) {
        throwIfFailed();
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> record, RecordOrigin origin) {
        throwIfFailed();
        Group group;
        synchronized (lock) {
            if (open == null) {
                open = new Group();
            }
            group = open;
            group.outstanding++;
        }
        try {
            producer.send(record, acknowledgement(group, origin));
        } catch (KafkaException e) {
            RuntimeException failed = Acknowledgements.failure(origin, e);
            synchronized (lock) {
                group.outstanding--;
                fail(failed);
            }
            throw failed;
        }
    }

    private Callback acknowledgement(Group group, RecordOrigin origin) {
        return (metadata, exception) -> {
            synchronized (lock) {
                group.outstanding--;
                if (exception == null) {
                    acknowledged++;
                } else {
                    fail(Acknowledgements.failure(origin, exception));
                }
                lock.notifyAll();
            }
        };
    }

    @Override
    public void rowsSent(BinlogPosition begin, long rows) {
    }

    @Override
    public void commit(Transaction transaction) {
        close("the transaction at " + transaction.beginPosition());
    }

    @Override
    public void flush(String where) {
        close(where);
    }

    /** Closes the open group; the position saved next belongs to it. Waits while too many groups wait. */
    private void close(String where) {
        synchronized (lock) {
            Group group = open != null ? open : new Group();
            open = null;
            group.where = where;
            waiting.addLast(group);
            long started = System.nanoTime();
            long warnAt = started + WARN_EVERY_NANOS;
            while (waiting.size() > MAX_GROUPS && failure == null) {
                warnAt = waitAndWarn(started, warnAt);
            }
            lock.notifyAll();
        }
        throwIfFailed();
    }

    @Override
    public long publishedRows(BinlogPosition begin) {
        return 0;
    }

    @Override
    public PositionStore positionStore(PositionStore configured) {
        store = configured;
        return new Positions();
    }

    @Override
    public long records() {
        synchronized (lock) {
            return acknowledged;
        }
    }

    /** Waits for every record sent (with warnings while the broker is away), saves the last position, closes. */
    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            if (open != null) {
                open.where = "the last changes";
                waiting.addLast(open);
                open = null;
            }
            closing = true;
            lock.notifyAll();
            running = saver;
        }
        if (running != null) {
            try {
                running.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (running.isAlive()) {
                LOG.warn("Kafka did not acknowledge every record within {} s of closing; the positions after the "
                        + "last acknowledged transaction were not saved, so a restart publishes those transactions "
                        + "again", CLOSE_TIMEOUT.toSeconds());
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    private void throwIfFailed() {
        synchronized (lock) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void fail(RuntimeException failed) {
        if (failure == null) {
            failure = failed;
        }
        lock.notifyAll();
    }

    private long waitAndWarn(long started, long warnAt) {
        long now = System.nanoTime();
        if (now >= warnAt) {
            Group oldest = waiting.peekFirst();
            LOG.warn("Kafka has not acknowledged {} record(s) of {} for {} s; {} transaction(s) wait, and their "
                    + "positions are not saved until it does (is the broker reachable?)",
                    oldest == null ? 0 : oldest.outstanding, oldest == null ? "the stream" : oldest.where,
                    (now - started) / 1_000_000_000L, waiting.size());
            warnAt = now + WARN_EVERY_NANOS;
        }
        try {
            lock.wait(Math.max(1, (warnAt - now) / 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublishException("Interrupted while waiting for Kafka to acknowledge records", e);
        }
        return warnAt;
    }

    /** Saves, on the saver thread, the newest position whose group and all groups before it were acknowledged. */
    private void saveAcknowledged() {
        long started = System.nanoTime();
        long warnAt = started + WARN_EVERY_NANOS;
        while (true) {
            BinlogPosition newest = null;
            boolean done;
            synchronized (lock) {
                while (failure == null && !readyToSave() && !(closing && waiting.isEmpty())) {
                    if (waiting.isEmpty()) {
                        started = System.nanoTime();
                        warnAt = started + WARN_EVERY_NANOS;
                    }
                    warnAt = waiting.isEmpty() ? waitQuietly(warnAt) : waitAndWarn(started, warnAt);
                }
                if (failure != null) {
                    return;
                }
                while (readyToSave()) {
                    Group group = waiting.removeFirst();
                    if (group.position != null) {
                        newest = group.position;
                    }
                }
                started = System.nanoTime();
                warnAt = started + WARN_EVERY_NANOS;
                done = closing && waiting.isEmpty();
                lock.notifyAll();
            }
            if (newest != null) {
                try {
                    store.save(newest);
                } catch (RuntimeException e) {
                    synchronized (lock) {
                        fail(e);
                    }
                    return;
                }
            }
            if (done) {
                return;
            }
        }
    }

    private long waitQuietly(long warnAt) {
        try {
            lock.wait(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
        return warnAt;
    }

    /**
     * Whether the oldest waiting group was acknowledged whole. One taken before its position arrived is no loss: the
     * position then comes as a group of its own, ready at once, still in order.
     */
    private boolean readyToSave() {
        Group oldest = waiting.peekFirst();
        return oldest != null && oldest.outstanding == 0;
    }

    /** The client's store under at-least-once: the application's, fed only with acknowledged positions. */
    private final class Positions implements PositionStore {

        @Override
        public Optional<BinlogPosition> load() {
            Optional<BinlogPosition> loaded = store.load();
            synchronized (lock) {
                if (saver == null) {
                    saver = new Thread(AcknowledgedPublisher.this::saveAcknowledged, "binlog-kafka-positions");
                    saver.setDaemon(true);
                    saver.start();
                }
            }
            return loaded;
        }

        @Override
        public void save(BinlogPosition position) {
            throwIfFailed();
            synchronized (lock) {
                if (open != null) {
                    // records sent since the last commit belong before this position
                    open.where = "the changes before " + position;
                    waiting.addLast(open);
                    open = null;
                }
                Group last = waiting.peekLast();
                if (last == null || last.position != null) {
                    // a transaction the filter hid: no records, a position to save in its turn
                    Group empty = new Group();
                    empty.where = "a transaction without changes to publish";
                    waiting.addLast(empty);
                    last = empty;
                }
                last.position = position;
                lock.notifyAll();
            }
        }

        @Override
        public Set<String> ownTables() {
            return store.ownTables();
        }

        @Override
        public String toString() {
            return store + " (after Kafka acknowledged)";
        }
    }
}
