package dev.binlog.event.decode;

import com.github.luben.zstd.ZstdInputStream;
import dev.binlog.DecodeException;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.EventHeader;
import dev.binlog.event.InnerEvents;
import dev.binlog.event.TransactionPayloadEvent;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * TRANSACTION_PAYLOAD: header fields as (type, length, value) with length-encoded type and length and a
 * length-encoded integer value: 1 = payload size, 2 = compression type, 3 = uncompressed size, 0 = end of fields;
 * then the payload: the transaction's events without checksums, ZSTD-compressed. Only the compressed payload is kept;
 * it is decompressed as a stream and decoded one inner event at a time while the event's {@link InnerEvents} are
 * iterated, so the uncompressed transaction is never held as a whole.
 */
final class TransactionPayloadEventDecoder implements EventBodyDecoder<TransactionPayloadEvent> {

    private static final int FIELD_END = 0;
    private static final int FIELD_PAYLOAD_SIZE = 1;
    private static final int FIELD_COMPRESSION = 2;
    private static final int FIELD_UNCOMPRESSED_SIZE = 3;

    @Override
    public TransactionPayloadEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        long payloadSize = -1;
        int compression = TransactionPayloadEvent.NONE;
        long uncompressedSize = -1;
        while (body.hasRemaining()) {
            int type = Bytes.lengthEncodedInt(body);
            if (type == FIELD_END) {
                break;
            }
            int length = Bytes.lengthEncodedInt(body);
            int end = body.position() + length;
            switch (type) {
                case FIELD_PAYLOAD_SIZE -> payloadSize = body.readLengthEncodedInt();
                case FIELD_COMPRESSION -> compression = (int) body.readLengthEncodedInt();
                case FIELD_UNCOMPRESSED_SIZE -> uncompressedSize = body.readLengthEncodedInt();
                default -> { }
            }
            body.position(end);
        }
        if (payloadSize < 0) {
            payloadSize = body.remaining();
        }
        if (payloadSize != body.remaining()) {
            throw new MalformedDataException("payload size field says " + payloadSize + " bytes but " + body.remaining()
                    + " follow", body.position());
        }
        if (compression != TransactionPayloadEvent.ZSTD && compression != TransactionPayloadEvent.NONE) {
            throw new LocatedDecodeException(context.source() + " at " + header.position()
                    + ": TRANSACTION_PAYLOAD uses compression type " + compression + ", which is not supported", false);
        }
        // The outer buffer is reused for the next event: keep a copy of the (compressed) payload only.
        byte[] payload = Arrays.copyOfRange(body.array(), body.position(), body.limit());
        body.position(body.limit());
        long limit = uncompressedSize > 0 ? uncompressedSize : payloadSize * 64 + 1024;
        return new TransactionPayloadEvent(header, compression, uncompressedSize,
                new PayloadInnerEvents(payload, compression, limit, header, context));
    }

    /** Decompresses and decodes inner events while iterated. */
    private record PayloadInnerEvents(byte[] payload, int compression, long limit, EventHeader outer,
            DecoderContext context) implements InnerEvents {

        @Override
        public Iterator<BinlogEvent> iterator() {
            return new InnerEventIterator(this);
        }
    }

    private static final class InnerEventIterator implements Iterator<BinlogEvent> {
        private final PayloadInnerEvents source;
        private InputStream in;
        private byte[] buffer = new byte[1024];
        private BinlogEvent next;
        private int count;
        private long decompressed;

        InnerEventIterator(PayloadInnerEvents source) {
            this.source = source;
            InputStream raw = new ByteArrayInputStream(source.payload());
            try {
                in = source.compression() == TransactionPayloadEvent.ZSTD ? new ZstdInputStream(raw) : raw;
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null && in != null) {
                try {
                    next = readInnerEvent();
                } catch (IOException e) {
                    close();
                    throw failure(e);
                } catch (RuntimeException e) {
                    close();
                    throw e;
                }
                if (next == null) {
                    close();
                }
            }
            return next != null;
        }

        @Override
        public BinlogEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BinlogEvent event = next;
            next = null;
            count++;
            return event;
        }

        private BinlogEvent readInnerEvent() throws IOException {
            EventHeader outer = source.outer();
            DecoderContext context = source.context();
            int got = readFully(in, buffer, 0, EventHeader.LENGTH);
            if (got == 0) {
                return null;
            }
            if (got < EventHeader.LENGTH) {
                throw new LocatedDecodeException(context.source() + " at " + outer.position()
                        + ": TRANSACTION_PAYLOAD ends inside an inner event header", true);
            }
            long length = new ByteCursor(buffer, 9, 4).readUint32();
            if (length < EventHeader.LENGTH || length > Integer.MAX_VALUE - 16) {
                throw new LocatedDecodeException(context.source() + " at " + outer.position()
                        + ": TRANSACTION_PAYLOAD inner event " + count + " claims " + length + " bytes", true);
            }
            // The announced uncompressed size bounds the whole transaction, not just one event: a payload that
            // decompresses to more is damaged (or a decompression bomb), whatever its events claim.
            decompressed += length;
            if (decompressed > source.limit()) {
                throw new LocatedDecodeException(context.source() + " at " + outer.position()
                        + ": TRANSACTION_PAYLOAD inner event " + count + " of " + length + " bytes takes the payload"
                        + " past the " + source.limit() + " bytes it announced uncompressed", true);
            }
            if (!readBody((int) length)) {
                throw new LocatedDecodeException(context.source() + " at " + outer.position()
                        + ": TRANSACTION_PAYLOAD ends inside inner event " + count, true);
            }
            return context.decoder().decodeInner(buffer, 0, (int) length, outer.position());
        }

        /**
         * Reads the rest of an event of {@code length} bytes after its header, growing the buffer as the bytes arrive
         * rather than to what the header claims, so a length field never allocates more than the data behind it.
         */
        private boolean readBody(int length) throws IOException {
            int filled = EventHeader.LENGTH;
            while (filled < length) {
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(length, buffer.length * 2L));
                }
                int n = in.read(buffer, filled, Math.min(length, buffer.length) - filled);
                if (n < 0) {
                    return false;
                }
                filled += n;
            }
            return true;
        }

        private DecodeException failure(IOException e) {
            return new LocatedDecodeException(source.context().source() + " at " + source.outer().position()
                    + ": TRANSACTION_PAYLOAD could not be decompressed: " + e.getMessage(), true, e);
        }

        private void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing was written; nothing to lose
            }
            in = null;
        }
    }

    private static int readFully(InputStream in, byte[] buffer, int offset, int count) throws IOException {
        int total = 0;
        while (total < count) {
            int n = in.read(buffer, offset + total, count - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
