package dev.binlog.event.decode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Builds event bytes for tests: little-endian fields, then {@link #event} frames them with a v4 header. */
final class EventBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    EventBytes u8(int v) {
        out.write(v);
        return this;
    }

    EventBytes u16(int v) {
        return u8(v & 0xFF).u8(v >>> 8 & 0xFF);
    }

    EventBytes u32(long v) {
        return u16((int) (v & 0xFFFF)).u16((int) (v >>> 16 & 0xFFFF));
    }

    EventBytes u48(long v) {
        return u32(v & 0xFFFFFFFFL).u16((int) (v >>> 32 & 0xFFFF));
    }

    EventBytes u64(long v) {
        return u32(v & 0xFFFFFFFFL).u32(v >>> 32);
    }

    EventBytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    EventBytes ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A string padded with NULs to {@code length} bytes. */
    EventBytes padded(String s, int length) {
        byte[] b = new byte[length];
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(src, 0, b, 0, src.length);
        return bytes(b);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    /** Frames a body with a v4 header (timestamp 1700000000, server id 1, log_pos = position + length). */
    static byte[] event(int type, int flags, long position, byte[] body, boolean crc32) {
        int length = 19 + body.length + (crc32 ? 4 : 0);
        EventBytes e = new EventBytes().u32(1_700_000_000L).u8(type).u32(1).u32(length).u32(position + length)
                .u16(flags).bytes(body);
        byte[] bytes = e.toBytes();
        if (!crc32) {
            return bytes;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return new EventBytes().bytes(bytes).u32(crc.getValue()).toBytes();
    }

    /** A FORMAT_DESCRIPTION body of binlog v4 with the released post-header lengths of MariaDB 10.x. */
    static byte[] formatDescriptionBody(String version, int checksumAlgorithm) {
        int[] postHeaders = new int[171];
        postHeaders[2 - 1] = 13;   // QUERY
        postHeaders[4 - 1] = 8;    // ROTATE
        postHeaders[15 - 1] = 84;  // FORMAT_DESCRIPTION
        postHeaders[17 - 1] = 4;   // BEGIN_LOAD_QUERY
        postHeaders[18 - 1] = 26;  // EXECUTE_LOAD_QUERY
        postHeaders[19 - 1] = 8;   // TABLE_MAP
        for (int code = 23; code <= 25; code++) {
            postHeaders[code - 1] = 8;
        }
        for (int code = 30; code <= 32; code++) {
            postHeaders[code - 1] = 10;
        }
        postHeaders[165 - 1] = 13;
        for (int code = 166; code <= 171; code++) {
            postHeaders[code - 1] = 8;
        }
        EventBytes b = new EventBytes().u16(4).padded(version, 50).u32(0).u8(19);
        for (int length : postHeaders) {
            b.u8(length);
        }
        return b.u8(checksumAlgorithm).toBytes();
    }
}
