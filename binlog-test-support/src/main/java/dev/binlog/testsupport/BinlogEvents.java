package dev.binlog.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Binlog events (v4: 19-byte header, body, optional CRC32) as a MariaDB 10.11 primary writes them, built from the
 * replication protocol documentation for {@link HostileServer}; each can carry a correct checksum, none, or one that
 * lies. Positions are the caller's: an event that lies at {@code position} has next position
 * {@code position + its length}.
 */
public final class BinlogEvents {

    public static final int ROTATE = 4;
    public static final int FORMAT_DESCRIPTION = 15;
    public static final int XID = 16;
    /** LOG_EVENT_ARTIFICIAL_F: made up for this connection, not in the file. */
    public static final int FLAG_ARTIFICIAL = 0x20;
    public static final long SERVER_ID = 1;
    /** The server version the FORMAT_DESCRIPTION names; MariaDB 5.3+ appends the checksum algorithm to it. */
    public static final String SERVER_VERSION = "10.11.6-MariaDB-log";
    /** Seconds since the epoch written into the events that are not artificial (2026-01-01T00:00:00Z). */
    public static final long TIMESTAMP = 1_767_225_600L;

    /** Whether an event ends with a CRC32 of the rest, and whether it is the true one. */
    public enum Checksum {
        NONE, CRC32, LYING
    }

    private BinlogEvents() {
    }

    /** An event with the given header fields and body; event_size is the true length. */
    public static byte[] event(int type, long timestamp, long nextPosition, int flags, byte[] body,
            Checksum checksum) {
        int size = 19 + body.length + (checksum == Checksum.NONE ? 0 : 4);
        byte[] e = new byte[size];
        putUint32(e, 0, timestamp);
        e[4] = (byte) type;
        putUint32(e, 5, SERVER_ID);
        putUint32(e, 9, size);
        putUint32(e, 13, nextPosition);
        e[17] = (byte) flags;
        e[18] = (byte) (flags >>> 8);
        System.arraycopy(body, 0, e, 19, body.length);
        if (checksum != Checksum.NONE) {
            sign(e, checksum == Checksum.LYING);
        }
        return e;
    }

    /** The same event with another event_size in its header (and, if it had one, a CRC32 that matches the lie). */
    public static byte[] withDeclaredSize(byte[] event, long declaredSize, Checksum checksum) {
        byte[] e = Arrays.copyOf(event, event.length);
        putUint32(e, 9, declaredSize);
        if (checksum != Checksum.NONE) {
            sign(e, checksum == Checksum.LYING);
        }
        return e;
    }

    /** The ROTATE a dump starts with: artificial, timestamp and next position 0, naming the file being sent. */
    public static byte[] artificialRotate(String file, long position) {
        return event(ROTATE, 0, 0, FLAG_ARTIFICIAL, rotateBody(file, position), Checksum.CRC32);
    }

    /** A real ROTATE at {@code at}, the last event of a file, naming the next one. */
    public static byte[] rotate(long at, String nextFile, long nextPosition, Checksum checksum) {
        byte[] body = rotateBody(nextFile, nextPosition);
        int size = 19 + body.length + (checksum == Checksum.NONE ? 0 : 4);
        return event(ROTATE, TIMESTAMP, at + size, 0, body, checksum);
    }

    /** The FORMAT_DESCRIPTION at offset 4 of a MariaDB 10.11 binlog with CRC32 checksums. */
    public static byte[] formatDescription(Checksum checksum) {
        ByteArrayOutputStream w = new ByteArrayOutputStream();
        w.writeBytes(new byte[] {4, 0}); // binlog version 4
        w.writeBytes(Arrays.copyOf(SERVER_VERSION.getBytes(StandardCharsets.US_ASCII), 50));
        w.writeBytes(new byte[4]); // created: 0, not the first file since the server started
        w.write(19); // header length
        w.writeBytes(postHeaderLengths());
        w.write(1); // checksum algorithm: CRC32
        byte[] body = w.toByteArray();
        int size = 19 + body.length + 4;
        return event(FORMAT_DESCRIPTION, TIMESTAMP, 4 + size, 0, body, checksum);
    }

    /** An XID (commit) event at {@code at}. */
    public static byte[] xid(long at, long xid, Checksum checksum) {
        byte[] body = new byte[8];
        for (int i = 0; i < 8; i++) {
            body[i] = (byte) (xid >>> (8 * i));
        }
        int size = 19 + 8 + (checksum == Checksum.NONE ? 0 : 4);
        return event(XID, TIMESTAMP, at + size, 0, body, checksum);
    }

    /** Post-header length per event type 1..164, as MariaDB 10.11 writes them (0 where it has no post-header). */
    private static byte[] postHeaderLengths() {
        byte[] lengths = new byte[164];
        lengths[2 - 1] = 13; // QUERY
        lengths[4 - 1] = 8; // ROTATE
        lengths[19 - 1] = 8; // TABLE_MAP
        for (int t = 23; t <= 25; t++) {
            lengths[t - 1] = 8; // rows v1
        }
        lengths[161 - 1] = 4; // BINLOG_CHECKPOINT
        lengths[162 - 1] = 19; // GTID
        lengths[163 - 1] = 4; // GTID_LIST
        return lengths;
    }

    private static byte[] rotateBody(String file, long position) {
        byte[] name = file.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[8 + name.length];
        for (int i = 0; i < 8; i++) {
            body[i] = (byte) (position >>> (8 * i));
        }
        System.arraycopy(name, 0, body, 8, name.length);
        return body;
    }

    private static void sign(byte[] e, boolean lie) {
        CRC32 crc = new CRC32();
        crc.update(e, 0, e.length - 4);
        long value = crc.getValue() ^ (lie ? 0x5A5A5A5AL : 0);
        putUint32(e, e.length - 4, value);
    }

    private static void putUint32(byte[] b, int at, long value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
    }
}
