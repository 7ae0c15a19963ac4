package dev.binlog.fuzz;

import dev.binlog.event.ChecksumType;
import dev.binlog.event.EventHeader;
import dev.binlog.event.EventType;
import dev.binlog.event.FormatDescriptionEvent;
import dev.binlog.event.decode.DecoderContext;
import java.util.List;

/** Events the targets wrap around fuzzed bodies, so that mutations are spent on bodies, not on headers. */
final class SyntheticEvents {

    private SyntheticEvents() {
    }

    /** A 19-byte v4 header (no checksum follows) and the body. */
    static byte[] event(int typeCode, byte[] body, int from, int length) {
        int total = EventHeader.LENGTH + length;
        byte[] event = new byte[total];
        event[4] = (byte) typeCode;
        event[5] = 1; // server id 1
        event[9] = (byte) total;
        event[10] = (byte) (total >>> 8);
        event[11] = (byte) (total >>> 16);
        event[12] = (byte) (total >>> 24);
        System.arraycopy(body, from, event, EventHeader.LENGTH, length);
        return event;
    }

    /**
     * A context as after the FORMAT_DESCRIPTION of a MySQL 8.0 or MariaDB 10.5 server without checksums. It lists no
     * post-header lengths, so every decoder uses the lengths of current servers (6-byte table ids, v2 row headers).
     */
    static DecoderContext context(boolean mariaDb) {
        DecoderContext context = new DecoderContext("fuzz.000001");
        EventHeader header = new EventHeader(0, EventType.FORMAT_DESCRIPTION.code(), EventType.FORMAT_DESCRIPTION, 1,
                0, 0, 0, 4);
        context.formatDescription(new FormatDescriptionEvent(header, 4, mariaDb ? "10.5.8-MariaDB-log" : "8.0.32",
                0, EventHeader.LENGTH, List.of(), ChecksumType.NONE));
        return context;
    }
}
