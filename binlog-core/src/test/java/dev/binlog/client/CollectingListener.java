package dev.binlog.client;

import dev.binlog.protocol.ServerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a client delivers: a copy of each event's identity, heartbeats, connects and the stop cause. */
final class CollectingListener implements RawEventListener {

    record Seen(int type, String file, long position, long nextPosition, int length, boolean checksummed) {
    }

    final List<Seen> events = new CopyOnWriteArrayList<>();
    final AtomicInteger heartbeats = new AtomicInteger();
    final AtomicInteger connects = new AtomicInteger();
    final List<Throwable> disconnects = new CopyOnWriteArrayList<>();
    final CountDownLatch stopped = new CountDownLatch(1);
    volatile Throwable stopCause;

    @Override
    public void onEvent(RawEvent event) {
        events.add(new Seen(event.type(), event.binlogFile(), event.position(), event.nextPosition(), event.length(),
                event.checksummed()));
    }

    @Override
    public void onConnect(ServerInfo server) {
        connects.incrementAndGet();
    }

    @Override
    public void onHeartbeat(String binlogFile, long position) {
        heartbeats.incrementAndGet();
    }

    @Override
    public void onDisconnect(Throwable cause) {
        disconnects.add(cause);
    }

    @Override
    public void onStop(Throwable failure) {
        stopCause = failure;
        stopped.countDown();
    }

    /** Row events: v1 (23-25, MariaDB) and v2 (30-32, MySQL). */
    List<Seen> rowEvents() {
        List<Seen> rows = new ArrayList<>();
        for (Seen s : events) {
            if (s.type() >= 23 && s.type() <= 25 || s.type() >= 30 && s.type() <= 32) {
                rows.add(s);
            }
        }
        return rows;
    }

    List<Integer> types() {
        return events.stream().map(Seen::type).toList();
    }
}
