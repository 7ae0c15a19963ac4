package dev.binlog.sample;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The last 100 changes, newest first, and the browsers following them live. */
@Component
public class AuditTrail {

    static final int CAPACITY = 100;

    private final Deque<AuditEntry> entries = new ArrayDeque<>(CAPACITY);
    private final List<SseEmitter> followers = new CopyOnWriteArrayList<>();

    public void record(AuditEntry entry) {
        synchronized (entries) {
            if (entries.size() == CAPACITY) {
                entries.removeLast();
            }
            entries.addFirst(entry);
        }
        for (SseEmitter follower : followers) {
            try {
                follower.send(SseEmitter.event().name("change").data(entry));
            } catch (IOException | IllegalStateException e) {
                followers.remove(follower);
            }
        }
    }

    public List<AuditEntry> latest() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    public SseEmitter follow() {
        SseEmitter emitter = new SseEmitter(0L);
        followers.add(emitter);
        emitter.onCompletion(() -> followers.remove(emitter));
        emitter.onTimeout(() -> followers.remove(emitter));
        emitter.onError(e -> followers.remove(emitter));
        return emitter;
    }
}
