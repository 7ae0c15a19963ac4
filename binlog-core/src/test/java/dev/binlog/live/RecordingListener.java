package dev.binlog.live;

import dev.binlog.ChangeListener;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps every call a stream makes, and lets a test wait for some. */
final class RecordingListener implements ChangeListener {

    final List<String> calls = new ArrayList<>();
    final List<RowChange> changes = new ArrayList<>();
    final List<Transaction> commits = new ArrayList<>();
    final List<SchemaChange> schemaChanges = new ArrayList<>();

    @Override
    public synchronized void onBegin(Transaction transaction) {
        calls.add("begin");
    }

    @Override
    public synchronized void onChange(RowChange change) {
        calls.add(change.type() + " " + change.table());
        changes.add(change);
        notifyAll();
    }

    @Override
    public synchronized void onCommit(Transaction transaction) {
        calls.add("commit");
        commits.add(transaction);
        notifyAll();
    }

    @Override
    public synchronized void onSchemaChange(SchemaChange change) {
        calls.add("ddl " + change.affectedTables());
        schemaChanges.add(change);
        notifyAll();
    }

    synchronized List<RowChange> changes() {
        return new ArrayList<>(changes);
    }

    /** Waits until {@code condition} holds for this listener, or fails after the timeout. */
    synchronized void await(Predicate<RecordingListener> condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; calls so far: " + calls);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    void awaitCommits(int count) throws InterruptedException {
        await(l -> l.commits.size() >= count, Duration.ofSeconds(20), count + " commits");
    }
}
