package dev.binlog.file;

import dev.binlog.BinlogException;
import dev.binlog.DecodeException;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.EventHeader;
import dev.binlog.event.StartEncryptionEvent;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.io.ByteCursor;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the events of a binlog or relay log file on disk, one at a time, without loading the file: the same events
 * the live stream gives. A relay log's several FORMAT_DESCRIPTION events each apply to the events after them.
 *
 * <pre>{@code
 * try (BinlogFileReader reader = new BinlogFileReader(path)) {
 *     for (BinlogEvent event; (event = reader.next()) != null; ) { ... }
 * }
 * }</pre>
 *
 * A file that ends inside an event, an event that fails its checksum or cannot be decoded ends in a
 * {@link DecodeException} that names the file and the event's offset.
 */
public final class BinlogFileReader implements Closeable {

    private static final byte[] MAGIC = {(byte) 0xFE, 'b', 'i', 'n'};
    /** 1 GiB, the default of {@code BinlogClient} and {@code BinlogFiles} too. */
    private static final long DEFAULT_MAX_EVENT_SIZE = 1L << 30;
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 64;

    private final Path file;
    private final InputStream in;
    private final EventDecoder decoder;
    private final long fileSize;
    private final long maxEventSize;
    private byte[] buffer = new byte[64 * 1024];
    private long position;
    private boolean encrypted;
    private boolean truncated;

    /** Opens a file with a fresh decoder context and the default decoders. */
    public BinlogFileReader(Path file) throws IOException {
        this(file, new EventDecoder(new DecoderContext(file.toString())));
    }

    /** Opens a file decoding with the given decoder (its context's source should name the file). */
    public BinlogFileReader(Path file, EventDecoder decoder) throws IOException {
        this(file, decoder, DEFAULT_MAX_EVENT_SIZE);
    }

    /**
     * Opens a file decoding with the given decoder, reading events of at most {@code maxEventSize} bytes (1 GiB for
     * the other constructors): a header that claims more is a {@link DecodeException} naming the file and offset,
     * raised before the event is buffered.
     *
     * @throws IllegalArgumentException when {@code maxEventSize} is below 19 bytes (an event header) or 2 GiB or more
     */
    public BinlogFileReader(Path file, EventDecoder decoder, long maxEventSize) throws IOException {
        if (maxEventSize < EventHeader.LENGTH || maxEventSize > LARGEST_ARRAY) {
            throw new IllegalArgumentException("maximum event size " + maxEventSize + " is not between "
                    + EventHeader.LENGTH + " and " + LARGEST_ARRAY + " bytes");
        }
        this.maxEventSize = maxEventSize;
        this.file = file;
        this.decoder = decoder;
        this.fileSize = Files.size(file);
        this.in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        byte[] magic = new byte[4];
        int got = readFully(magic, 0, 4);
        if (got < 4 || magic[0] != MAGIC[0] || magic[1] != MAGIC[1] || magic[2] != MAGIC[2] || magic[3] != MAGIC[3]) {
            in.close();
            throw new DecodeException(file + ": not a binlog file (it does not start with 0xfe 'bin')", true);
        }
        position = 4;
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** Offset of the next event to read. */
    public long position() {
        return position;
    }

    /**
     * The next event, or {@code null} at the end of the file.
     *
     * After a {@link DecodeException} for one event, the next call continues with the event after it, except after a
     * truncated tail, where it returns {@code null}.
     *
     * @throws DecodeException when the file ends inside an event, an event is damaged or cannot be decoded, or the
     *                         rest of the file is encrypted
     */
    public BinlogEvent next() {
        if (truncated) {
            return null;
        }
        if (encrypted) {
            throw new DecodeException(file + " at " + position + ": the events after START_ENCRYPTION are encrypted"
                    + " and cannot be decoded without the server's encryption key; read them from the server instead,"
                    + " which sends them decrypted", false);
        }
        int got = read(0, EventHeader.LENGTH);
        if (got == 0) {
            return null;
        }
        if (got < EventHeader.LENGTH) {
            truncated = true;
            throw new DecodeException(file + " at " + position + ": truncated event header (" + got + " of "
                    + EventHeader.LENGTH + " bytes before the end of the file)", true);
        }
        long length = new ByteCursor(buffer, 9, 4).readUint32();
        if (length < EventHeader.LENGTH) {
            truncated = true;
            throw new DecodeException(file + " at " + position + ": event header claims " + length + " bytes", true);
        }
        if (length > maxEventSize) {
            truncated = true;
            throw new DecodeException(file + " at " + position + ": event header claims " + length + " bytes, more"
                    + " than the maximum event size of " + describe(maxEventSize) + "; if the file really holds"
                    + " events this large, raise maxEventSize (BinlogFiles.Builder.maxEventSize, binlog-cli option"
                    + " --max-event-size), else the file is damaged", true);
        }
        if (position + length > fileSize) {
            truncated = true;
            throw new DecodeException(file + " at " + position + ": truncated event (type " + (buffer[4] & 0xFF) + ", "
                    + length + " bytes, but the file ends after " + (fileSize - position) + ")", true);
        }
        if (buffer.length < length) {
            byte[] bigger = new byte[(int) Math.min(maxEventSize, Math.max(length, buffer.length * 2L))];
            System.arraycopy(buffer, 0, bigger, 0, EventHeader.LENGTH);
            buffer = bigger;
        }
        int rest = (int) length - EventHeader.LENGTH;
        int body = read(EventHeader.LENGTH, rest);
        if (body < rest) {
            long at = position;
            position += EventHeader.LENGTH + body;
            truncated = true;
            throw new DecodeException(file + " at " + at + ": truncated event (type " + (buffer[4] & 0xFF) + ", "
                    + length + " bytes, but the file ends after " + (EventHeader.LENGTH + body) + ")", true);
        }
        long at = position;
        position += length;
        BinlogEvent event = decoder.decode(buffer, 0, (int) length, at);
        if (event instanceof StartEncryptionEvent) {
            encrypted = true;
        }
        return event;
    }

    /** {@code 1073741824 bytes (1 GiB)}: the exact number, and the unit a user would type when it is a round one. */
    private static String describe(long bytes) {
        long[] sizes = {1L << 30, 1L << 20, 1L << 10};
        String[] units = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < sizes.length; i++) {
            if (bytes >= sizes[i] && bytes % sizes[i] == 0) {
                return bytes + " bytes (" + bytes / sizes[i] + " " + units[i] + ")";
            }
        }
        return bytes + " bytes";
    }

    private int read(int offset, int count) {
        try {
            return readFully(buffer, offset, count);
        } catch (IOException e) {
            throw new BinlogException("cannot read " + file + " at " + position + ": " + e.getMessage()
                    + "; check that the file exists, is readable and is not being rotated away", e);
        }
    }

    private int readFully(byte[] target, int offset, int count) throws IOException {
        int total = 0;
        while (total < count) {
            int n = in.read(target, offset + total, count - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
