package dev.binlog.io;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * A growing little-endian byte buffer for building protocol packets, the write-side sibling of {@link ByteCursor}.
 * {@link #reset()} makes it reusable without reallocating.
 */
public final class ByteWriter {

    private byte[] buffer;
    private int length;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public ByteWriter reset() {
        length = 0;
        return this;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }

    public ByteWriter writeUint8(int v) {
        ensure(1);
        buffer[length++] = (byte) v;
        return this;
    }

    public ByteWriter writeUint16(int v) {
        return writeUintN(v, 2);
    }

    public ByteWriter writeUint24(int v) {
        return writeUintN(v, 3);
    }

    public ByteWriter writeUint32(long v) {
        return writeUintN(v, 4);
    }

    public ByteWriter writeInt64(long v) {
        return writeUintN(v, 8);
    }

    /** Writes the low {@code bytes} bytes of {@code v}, least significant first. */
    public ByteWriter writeUintN(long v, int bytes) {
        ensure(bytes);
        for (int i = 0; i < bytes; i++) {
            buffer[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Length-encoded integer of the client/server protocol. */
    public ByteWriter writeLengthEncodedInt(long v) {
        if (v >= 0 && v < 0xFB) {
            return writeUint8((int) v);
        }
        if (v >= 0 && v < (1 << 16)) {
            return writeUint8(0xFC).writeUint16((int) v);
        }
        if (v >= 0 && v < (1 << 24)) {
            return writeUint8(0xFD).writeUint24((int) v);
        }
        return writeUint8(0xFE).writeInt64(v);
    }

    public ByteWriter writeBytes(byte[] bytes) {
        return writeBytes(bytes, 0, bytes.length);
    }

    public ByteWriter writeBytes(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        return this;
    }

    public ByteWriter writeZeros(int count) {
        ensure(count);
        Arrays.fill(buffer, length, length + count, (byte) 0);
        length += count;
        return this;
    }

    public ByteWriter writeNullTerminatedString(String s, Charset charset) {
        return writeBytes(s.getBytes(charset)).writeUint8(0);
    }

    public ByteWriter writeLengthEncodedBytes(byte[] bytes) {
        return writeLengthEncodedInt(bytes.length).writeBytes(bytes);
    }

    public ByteWriter writeLengthEncodedString(String s, Charset charset) {
        return writeLengthEncodedBytes(s.getBytes(charset));
    }

    /** The internal array; valid bytes are {@code [0, length())}. */
    public byte[] array() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }
}
