package dev.binlog.event.decode;

import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * MariaDB's compressed event data ({@code log_bin_compress}): a header byte with the top bit set and the byte count of
 * the uncompressed length in its low 3 bits, that length big-endian, then a zlib stream.
 */
final class MariaDbCompression {

    private MariaDbCompression() {
    }

    /** Inflates the compressed block that fills the cursor up to its limit; the cursor ends at the limit. */
    static byte[] inflate(ByteCursor in) {
        int start = in.position();
        int header = in.readUint8();
        int lengthBytes = header & 0x07;
        if ((header & 0x80) == 0 || lengthBytes == 0 || lengthBytes > 4) {
            throw new MalformedDataException("bad MariaDB compression header 0x" + Integer.toHexString(header), start);
        }
        long length = in.readUintBigEndian(lengthBytes);
        // zlib cannot expand data more than about 1032:1; a larger claim is damage, not a reason to allocate.
        if (length > Integer.MAX_VALUE - 16 || length > in.remaining() * 1032L + 64) {
            throw new MalformedDataException("compressed event of " + length + " bytes", start);
        }
        byte[] out = new byte[(int) length];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in.array(), in.position(), in.remaining());
            int produced = 0;
            while (produced < out.length && !inflater.finished()) {
                int n = inflater.inflate(out, produced, out.length - produced);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                produced += n;
            }
            if (produced != out.length) {
                throw new MalformedDataException("compressed event inflates to " + produced + " bytes, header says "
                        + length, start);
            }
        } catch (DataFormatException e) {
            throw new MalformedDataException("compressed event data is not zlib: " + e.getMessage(), start);
        } finally {
            inflater.end();
        }
        in.position(in.limit());
        return out;
    }
}
