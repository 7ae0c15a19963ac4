package dev.binlog.event.decode;

import com.github.luben.zstd.ZstdInputStream;
import dev.binlog.DecodeException;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.EventHeader;
import dev.binlog.event.TransactionPayloadEvent;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * TRANSACTION_PAYLOAD: header fields as (type, length, value) with length-encoded type and length and a
 * length-encoded integer value: 1 = payload size, 2 = compression type, 3 = uncompressed size, 0 = end of fields;
 * then the payload: the transaction's events without checksums, ZSTD-compressed. The payload is decompressed as a
 * stream, one inner event at a time, so the uncompressed transaction is never held as a whole.
 */
public final class TransactionPayloadEventDecoder implements EventBodyDecoder<TransactionPayloadEvent> {

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
        InputStream raw = new ByteArrayInputStream(body.array(), body.position(), body.remaining());
        List<BinlogEvent> events = new ArrayList<>();
        try (InputStream in = open(raw, compression, header, context)) {
            long limit = uncompressedSize > 0 ? uncompressedSize : payloadSize * 64 + 1024;
            readInnerEvents(in, header, context, events, limit);
        } catch (IOException e) {
            throw new DecodeException(context.source() + " at " + header.position() + ": TRANSACTION_PAYLOAD could not"
                    + " be decompressed: " + e.getMessage(), true, e);
        }
        body.position(body.limit());
        return new TransactionPayloadEvent(header, compression, uncompressedSize, events);
    }

    private static InputStream open(InputStream raw, int compression, EventHeader header, DecoderContext context)
            throws IOException {
        return switch (compression) {
            case TransactionPayloadEvent.ZSTD -> new ZstdInputStream(raw);
            case TransactionPayloadEvent.NONE -> raw;
            default -> throw new DecodeException(context.source() + " at " + header.position()
                    + ": TRANSACTION_PAYLOAD uses compression type " + compression + ", which is not supported", false);
        };
    }

    private static void readInnerEvents(InputStream in, EventHeader outer, DecoderContext context,
                                        List<BinlogEvent> events, long limit) throws IOException {
        byte[] buffer = new byte[1024];
        while (true) {
            int got = readFully(in, buffer, 0, EventHeader.LENGTH);
            if (got == 0) {
                return;
            }
            if (got < EventHeader.LENGTH) {
                throw new DecodeException(context.source() + " at " + outer.position() + ": TRANSACTION_PAYLOAD ends"
                        + " inside an inner event header", true);
            }
            long length = new ByteCursor(buffer, 9, 4).readUint32();
            if (length < EventHeader.LENGTH || length > Integer.MAX_VALUE - 16 || length > limit) {
                throw new DecodeException(context.source() + " at " + outer.position() + ": TRANSACTION_PAYLOAD inner"
                        + " event " + events.size() + " claims " + length + " bytes", true);
            }
            if (buffer.length < length) {
                byte[] bigger = new byte[(int) Math.max(length, buffer.length * 2L)];
                System.arraycopy(buffer, 0, bigger, 0, EventHeader.LENGTH);
                buffer = bigger;
            }
            int rest = (int) length - EventHeader.LENGTH;
            if (readFully(in, buffer, EventHeader.LENGTH, rest) < rest) {
                throw new DecodeException(context.source() + " at " + outer.position() + ": TRANSACTION_PAYLOAD ends"
                        + " inside inner event " + events.size(), true);
            }
            events.add(context.decoder().decodeInner(buffer, 0, (int) length, outer.position()));
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
