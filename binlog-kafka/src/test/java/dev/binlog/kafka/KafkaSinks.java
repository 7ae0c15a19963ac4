package dev.binlog.kafka;

import dev.binlog.ChangeListener;
import dev.binlog.PositionStore;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A client on a live server publishing one table through a sink; and waiting. */
final class KafkaSinks {

    private KafkaSinks() {
    }

    static StartPosition now(LiveServer live) {
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        return StartPosition.at(status.get("File").toString(), Long.parseLong(status.get("Position").toString()));
    }

    /** Where the server's binary log ends now. */
    static dev.binlog.BinlogPosition end(LiveServer live) {
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        return new dev.binlog.BinlogPosition(status.get("File").toString(),
                Long.parseLong(status.get("Position").toString()));
    }

    /** Waits until the client saved a position at or past {@code end}. */
    static void awaitCommitted(BinlogClient client, dev.binlog.BinlogPosition end) throws InterruptedException {
        await(() -> client.committedPosition().filter(p -> p.compareTo(end) >= 0).isPresent(), Duration.ofSeconds(60),
                "a saved position at " + end + " (state " + client.state() + ", " + client.lastError() + ")");
    }

    static BinlogClient client(LiveServer live, String table, StartPosition start, ChangeListener listener,
            PositionStore store) {
        return BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(start).positionStore(store)
                .filter(TableFilter.builder().include(live.database() + "." + table).build())
                .listener(listener).build();
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
