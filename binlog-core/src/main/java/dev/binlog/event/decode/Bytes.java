package dev.binlog.event.decode;

import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import dev.binlog.io.TruncatedDataException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.UUID;

/** Reads the binlog's small recurring structures: bitmaps, UUIDs, length-prefixed names. */
final class Bytes {

    private Bytes() {
    }

    /** A column bitmap of {@code bits} bits, least significant bit of the first byte = column 0. */
    static BitSet readBitmap(ByteCursor in, int bits) {
        int bytes = bitmapBytes(in, bits);
        BitSet set = new BitSet(bits);
        byte[] array = in.array();
        int start = in.position();
        in.skip(bytes);
        for (int i = 0; i < bits; i++) {
            if ((array[start + (i >>> 3)] & (1 << (i & 7))) != 0) {
                set.set(i);
            }
        }
        return set;
    }

    /** Bitmap with the most significant bit of the first byte first (TABLE_MAP optional metadata). */
    static BitSet readBitmapMsbFirst(ByteCursor in, int bits) {
        int bytes = bitmapBytes(in, bits);
        BitSet set = new BitSet(bits);
        byte[] array = in.array();
        int start = in.position();
        in.skip(bytes);
        for (int i = 0; i < bits; i++) {
            if ((array[start + (i >>> 3)] & (0x80 >>> (i & 7))) != 0) {
                set.set(i);
            }
        }
        return set;
    }

    private static int bitmapBytes(ByteCursor in, int bits) {
        if (bits < 0 || ((bits + 7L) >>> 3) > in.remaining()) {
            throw new TruncatedDataException((int) Math.min(Integer.MAX_VALUE, (bits + 7L) >>> 3), in.remaining(),
                    in.position());
        }
        return (bits + 7) >>> 3;
    }

    static UUID readUuid(ByteCursor in) {
        long high = in.readUintBigEndian(8);
        long low = in.readUintBigEndian(8);
        return new UUID(high, low);
    }

    static String utf8(ByteCursor in, int length) {
        return in.readString(length, StandardCharsets.UTF_8);
    }

    /** A length-encoded integer that must fit an int (counts and lengths). */
    static int lengthEncodedInt(ByteCursor in) {
        long value = in.readLengthEncodedInt();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new MalformedDataException("invalid length " + value, in.position());
        }
        return (int) value;
    }

    /** A variable-length unsigned integer of MySQL's serialization library (tagged GTID events). */
    static long readSerializedUint(ByteCursor in) {
        int first = in.peekUint8();
        int count = Integer.numberOfTrailingZeros(~first) + 1;
        if (count > 8) {
            in.skip(1);
            return in.readInt64();
        }
        long raw = in.readUintN(count);
        return raw >>> count;
    }

    /** A zig-zag encoded signed variable-length integer of MySQL's serialization library. */
    static long readSerializedInt(ByteCursor in) {
        long raw = readSerializedUint(in);
        return (raw & 1) != 0 ? -(raw >>> 1) - 1 : raw >>> 1;
    }
}
