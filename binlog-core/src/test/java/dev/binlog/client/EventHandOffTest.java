package dev.binlog.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventHandOffTest {

    private static EventHandOff.Event event(int size, int tag) {
        byte[] bytes = new byte[size];
        bytes[0] = (byte) tag;
        return new EventHandOff.Event(bytes);
    }

    private static int tag(EventHandOff.Item item) {
        return ((EventHandOff.Event) item).bytes()[0];
    }

    @Test
    void handsItemsOverInOrder() throws Exception {
        EventHandOff handOff = new EventHandOff(1000, 10);
        handOff.put(event(10, 1));
        handOff.put(new EventHandOff.Disconnected(null));
        handOff.put(event(10, 2));

        assertThat(tag(handOff.take(0))).isEqualTo(1);
        assertThat(handOff.take(0)).isInstanceOf(EventHandOff.Disconnected.class);
        assertThat(tag(handOff.take(0))).isEqualTo(2);
        assertThat(handOff.take(0)).isNull();
    }

    @Test
    void readerWaitsWhileTheBytesBoundIsReached() throws Exception {
        EventHandOff handOff = new EventHandOff(100, 10);
        handOff.put(event(60, 1));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> put(handOff, event(60, 2)));

        assertThat(second).isNotDone();
        assertThat(handOff.queuedBytes()).isEqualTo(60);
        assertThat(tag(handOff.take(0))).isEqualTo(1);
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tag(handOff.take(0))).isEqualTo(2);
    }

    @Test
    void readerWaitsWhileTheCountBoundIsReached() throws Exception {
        EventHandOff handOff = new EventHandOff(1000, 2);
        handOff.put(event(1, 1));
        handOff.put(event(1, 2));
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> put(handOff, event(1, 3)));

        assertThat(third).isNotDone();
        handOff.take(0);
        assertThat(third.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anEventLargerThanTheBoundPassesAloneIntoAnEmptyQueue() throws Exception {
        EventHandOff handOff = new EventHandOff(100, 10);

        assertThat(handOff.put(event(500, 1))).isTrue();
        assertThat(tag(handOff.take(0))).isEqualTo(1);
    }

    @Test
    void closeWakesAWaitingReaderAndMakesPutsFail() throws Exception {
        EventHandOff handOff = new EventHandOff(100, 10);
        handOff.put(event(100, 1));
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> put(handOff, event(100, 2)));

        handOff.close();

        assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(handOff.take(1000)).isNull();
        assertThat(handOff.awaitIdle()).isFalse();
    }

    @Test
    void awaitIdleReturnsOnceTheConsumerHasTakenEverythingAndWaits() throws Exception {
        EventHandOff handOff = new EventHandOff(1000, 10);
        handOff.put(event(10, 1));
        CompletableFuture<Boolean> idle = CompletableFuture.supplyAsync(() -> {
            try {
                return handOff.awaitIdle();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(idle).isNotDone();
        CompletableFuture.runAsync(() -> {
            try {
                handOff.take(0);
                handOff.take(10_000); // waits: the queue is empty and the consumer idle
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(idle.get(10, TimeUnit.SECONDS)).isTrue();
        handOff.close();
    }

    private static boolean put(EventHandOff handOff, EventHandOff.Item item) {
        try {
            return handOff.put(item);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
