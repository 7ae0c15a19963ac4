package dev.binlog.client;

/**
 * The few fields of the 19-byte v4 event header the client needs for positions. Full decoding lives in
 * {@code dev.binlog.event}.
 */
final class EventHeader {

    static final int LENGTH = 19;

    static final int QUERY = 2;
    static final int ROTATE = 4;
    static final int FORMAT_DESCRIPTION = 15;
    static final int HEARTBEAT = 27;
    static final int GTID = 33;
    static final int ANONYMOUS_GTID = 34;
    static final int HEARTBEAT_V2 = 41;
    static final int GTID_TAGGED = 42;
    static final int MARIADB_GTID = 162;
    static final int MARIADB_GTID_LIST = 163;

    private EventHeader() {
    }

    static long uint32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    static int type(byte[] b, int offset) {
        return b[offset + 4] & 0xFF;
    }

    static long timestamp(byte[] b, int offset) {
        return uint32(b, offset);
    }

    static long eventLength(byte[] b, int offset) {
        return uint32(b, offset + 9);
    }

    static long nextPosition(byte[] b, int offset) {
        return uint32(b, offset + 13);
    }

    /** Whether the event opens a transaction (a GTID event of either flavour). */
    static boolean startsTransaction(int type) {
        return type == GTID || type == ANONYMOUS_GTID || type == GTID_TAGGED || type == MARIADB_GTID;
    }

    /** ROTATE body: position (u64), then the next file name up to the end (minus the checksum). */
    static String rotateFile(byte[] b, int offset, int length, boolean checksummed) {
        int start = offset + LENGTH + 8;
        int end = offset + length - (checksummed ? 4 : 0);
        return new String(b, start, Math.max(0, end - start), java.nio.charset.StandardCharsets.UTF_8);
    }

    static long rotatePosition(byte[] b, int offset) {
        return uint32(b, offset + LENGTH);
    }

    /**
     * Whether a FORMAT_DESCRIPTION event ends with a CRC32: servers write the checksum algorithm byte before the
     * 4-byte checksum, so we check that the algorithm says CRC32 and the checksum matches.
     */
    static boolean formatDescriptionChecksummed(byte[] b, int offset, int length) {
        return length >= LENGTH + 5 && b[offset + length - 5] == 1 && crcMatches(b, offset, length);
    }

    /** Whether the last 4 bytes of the event are the CRC32 of the rest. */
    static boolean crcMatches(byte[] b, int offset, int length) {
        if (length < LENGTH + 4) {
            return false;
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, offset, length - 4);
        return crc.getValue() == uint32(b, offset + length - 4);
    }
}
