package dev.binlog.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A forward-reading cursor over a slice of a {@code byte[]}, with the little-endian and length-encoded reads the
 * MySQL protocol and binlog format use. It never copies the array; callers that keep bytes beyond the life of the
 * buffer copy them themselves. All little-endian helpers of the project live here.
 */
public final class ByteCursor {

    private byte[] buffer;
    private int position;
    private int limit;

    public ByteCursor(byte[] buffer) {
        this(buffer, 0, buffer.length);
    }

    public ByteCursor(byte[] buffer, int offset, int length) {
        reset(buffer, offset, length);
    }

    /** Points this cursor at another slice, so one cursor can be reused for every event. */
    public ByteCursor reset(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + buffer.length);
        }
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
        return this;
    }

    public byte[] array() {
        return buffer;
    }

    public int position() {
        return position;
    }

    public void position(int newPosition) {
        if (newPosition < 0 || newPosition > limit) {
            throw new IndexOutOfBoundsException("position " + newPosition + " beyond limit " + limit);
        }
        position = newPosition;
    }

    public int limit() {
        return limit;
    }

    /** Shrinks the readable end, e.g. to exclude a trailing checksum. */
    public void limit(int newLimit) {
        if (newLimit < position || newLimit > buffer.length) {
            throw new IndexOutOfBoundsException("limit " + newLimit);
        }
        limit = newLimit;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    public void skip(int count) {
        require(count);
        position += count;
    }

    private void require(int count) {
        if (count < 0 || limit - position < count) {
            throw new TruncatedDataException(count, limit - position, position);
        }
    }

    public int peekUint8() {
        require(1);
        return buffer[position] & 0xFF;
    }

    public int readUint8() {
        require(1);
        return buffer[position++] & 0xFF;
    }

    public int readInt8() {
        require(1);
        return buffer[position++];
    }

    public int readUint16() {
        require(2);
        int p = position;
        position += 2;
        return (buffer[p] & 0xFF) | (buffer[p + 1] & 0xFF) << 8;
    }

    public int readInt16() {
        return (short) readUint16();
    }

    public int readUint24() {
        require(3);
        int p = position;
        position += 3;
        return (buffer[p] & 0xFF) | (buffer[p + 1] & 0xFF) << 8 | (buffer[p + 2] & 0xFF) << 16;
    }

    public int readInt24() {
        int v = readUint24();
        return (v << 8) >> 8;
    }

    public long readUint32() {
        return readInt32() & 0xFFFFFFFFL;
    }

    public int readInt32() {
        require(4);
        int p = position;
        position += 4;
        return (buffer[p] & 0xFF) | (buffer[p + 1] & 0xFF) << 8 | (buffer[p + 2] & 0xFF) << 16
                | (buffer[p + 3] & 0xFF) << 24;
    }

    /** Reads an unsigned little-endian integer of 1 to 8 bytes; 8 bytes may come out negative (use unsigned ops). */
    public long readUintN(int bytes) {
        require(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (buffer[position + i] & 0xFFL) << (8 * i);
        }
        position += bytes;
        return v;
    }

    public long readInt64() {
        return readUintN(8);
    }

    /** Big-endian unsigned integer of 1 to 8 bytes (used by DECIMAL, temporal and BIT values). */
    public long readUintBigEndian(int bytes) {
        require(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (buffer[position + i] & 0xFFL);
        }
        position += bytes;
        return v;
    }

    /**
     * Length-encoded integer of the client/server protocol. Returns -1 for the NULL marker (0xFB); an 8-byte value
     * above {@link Long#MAX_VALUE} comes out negative.
     */
    public long readLengthEncodedInt() {
        int first = readUint8();
        if (first < 0xFB) {
            return first;
        }
        return switch (first) {
            case 0xFB -> -1;
            case 0xFC -> readUint16();
            case 0xFD -> readUint24();
            case 0xFE -> readInt64();
            default -> throw new MalformedDataException("invalid length-encoded integer prefix 0xFF", position - 1);
        };
    }

    public byte[] readBytes(int count) {
        require(count);
        byte[] copy = new byte[count];
        System.arraycopy(buffer, position, copy, 0, count);
        position += count;
        return copy;
    }

    public String readString(int count, Charset charset) {
        require(count);
        String s = new String(buffer, position, count, charset);
        position += count;
        return s;
    }

    public String readFixedString(int count) {
        return readString(count, StandardCharsets.UTF_8);
    }

    /** Reads a NUL-terminated string (the NUL is consumed); without a NUL, reads to the limit. */
    public String readNullTerminatedString(Charset charset) {
        int start = position;
        int end = start;
        while (end < limit && buffer[end] != 0) {
            end++;
        }
        String s = new String(buffer, start, end - start, charset);
        position = end < limit ? end + 1 : end;
        return s;
    }

    public String readLengthEncodedString(Charset charset) {
        long length = readLengthEncodedInt();
        if (length < 0) {
            return null;
        }
        if (length > Integer.MAX_VALUE) {
            throw new MalformedDataException("length-encoded string of " + length + " bytes", position);
        }
        return readString((int) length, charset);
    }

    public String readRemainingString(Charset charset) {
        return readString(remaining(), charset);
    }

    public byte[] readRemainingBytes() {
        return readBytes(remaining());
    }
}
