package dev.binlog.client;

import dev.binlog.BinlogPosition;
import dev.binlog.StartPosition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.io.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionTrackerTest {

    private final PositionTracker tracker = new PositionTracker(
            new StartPosition.At(new BinlogPosition("mysql-bin.000001", 4)));
    private final List<String> delivered = new ArrayList<>();

    /** An event without checksum: 19-byte header and {@code bodyLength} zero bytes (or the given body). */
    private static byte[] event(long timestamp, int type, long nextPosition, int bodyLength) {
        return event(timestamp, type, nextPosition, new byte[bodyLength]);
    }

    private static byte[] event(long timestamp, int type, long nextPosition, byte[] body) {
        return new ByteWriter().writeUint32(timestamp).writeUint8(type).writeUint32(1)
                .writeUint32(19 + body.length).writeUint32(nextPosition).writeUint16(0).writeBytes(body)
                .toByteArray();
    }

    private static byte[] rotate(long timestamp, long nextPosition, String file) {
        ByteWriter body = new ByteWriter().writeInt64(4).writeBytes(file.getBytes(StandardCharsets.UTF_8));
        return event(timestamp, EventHeader.ROTATE, nextPosition, body.toByteArray());
    }

    private void feed(byte[] event) {
        RawEvent raw = tracker.accept(event, 0, event.length);
        if (raw != null) {
            delivered.add(raw.type() + "@" + raw.binlogFile() + ":" + raw.position());
            tracker.delivered(raw);
        }
    }

    /** A MariaDB 11 transaction at {@code start}: GTID (positioned), then events with next position 0, then XID. */
    private void transaction(long start) {
        feed(event(100, EventHeader.MARIADB_GTID, start + 42, 23)); // 42 bytes
        feed(event(100, 19, 0, 31)); // TABLE_MAP, 50 bytes
        feed(event(100, 23, 0, 41)); // WRITE_ROWS v1, 60 bytes
        feed(event(100, 16, start + 42 + 50 + 60 + 31, 12)); // XID, 31 bytes
    }

    @Test
    void eventsWithoutNextPositionAreNumberedFromTheirPredecessor() {
        feed(rotate(0, 0, "mysql-bin.000001"));
        feed(event(100, EventHeader.FORMAT_DESCRIPTION, 256, 233));
        transaction(256);

        assertThat(delivered).containsExactly("15@mysql-bin.000001:4", "162@mysql-bin.000001:256",
                "19@mysql-bin.000001:298", "23@mysql-bin.000001:348", "16@mysql-bin.000001:408");
        assertThat(tracker.next()).isEqualTo(new BinlogPosition("mysql-bin.000001", 439));
    }

    @Test
    void replayAfterReconnectSuppressesWhatWasDeliveredAndResumesAtTransactionStart() {
        feed(rotate(0, 0, "mysql-bin.000001"));
        feed(event(100, EventHeader.FORMAT_DESCRIPTION, 256, 233));
        feed(event(100, EventHeader.MARIADB_GTID, 298, 23));
        feed(event(100, 19, 0, 31)); // connection lost after the TABLE_MAP
        assertThat(tracker.resume()).isEqualTo(new BinlogPosition("mysql-bin.000001", 256));

        // the server replays from 256: fake rotate, artificial format description, then the transaction
        feed(rotate(0, 0, "mysql-bin.000001"));
        feed(event(100, EventHeader.FORMAT_DESCRIPTION, 0, 233));
        transaction(256);

        assertThat(delivered).containsExactly("15@mysql-bin.000001:4", "162@mysql-bin.000001:256",
                "19@mysql-bin.000001:298", "23@mysql-bin.000001:348", "16@mysql-bin.000001:408");
    }

    @Test
    void realRotateMovesToTheNextFile() {
        feed(rotate(0, 0, "mysql-bin.000001"));
        feed(event(100, EventHeader.FORMAT_DESCRIPTION, 256, 233));
        feed(rotate(100, 256 + 43, "mysql-bin.000002"));
        assertThat(tracker.next()).isEqualTo(new BinlogPosition("mysql-bin.000002", 4));
        assertThat(tracker.resume()).isEqualTo(new BinlogPosition("mysql-bin.000002", 4));

        feed(rotate(0, 0, "mysql-bin.000002"));
        feed(event(100, EventHeader.FORMAT_DESCRIPTION, 256, 233));

        assertThat(delivered).containsExactly("15@mysql-bin.000001:4", "4@mysql-bin.000001:256",
                "15@mysql-bin.000002:4");
    }

    @Test
    void heartbeatsAndArtificialEventsAreNotDelivered() {
        feed(rotate(0, 0, "mysql-bin.000001"));
        feed(event(0, EventHeader.MARIADB_GTID_LIST, 0, 4));
        feed(event(0, EventHeader.HEARTBEAT, 500, 16));

        assertThat(delivered).isEmpty();
    }
}
