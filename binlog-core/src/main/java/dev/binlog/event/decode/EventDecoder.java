package dev.binlog.event.decode;

import dev.binlog.DecodeException;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.ChecksumType;
import dev.binlog.event.EventHeader;
import dev.binlog.event.EventType;
import dev.binlog.event.FormatDescriptionEvent;
import dev.binlog.event.RotateEvent;
import dev.binlog.event.TableMapEvent;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.util.zip.CRC32;

/**
 * Turns the bytes of one binlog event (header, body and checksum, as the server sends it after the OK byte or as it
 * lies in a file) into a {@link BinlogEvent}: reads the header, verifies the CRC32 checksum when the stream has
 * them, hands the body to the {@link EventBodyDecoder} of its type and keeps the {@link DecoderContext} current.
 * Not thread-safe; one per stream.
 */
public final class EventDecoder {

    private static final int FLAGS_OFFSET = 17;

    private final DecoderContext context;
    private final EventDecoderRegistry registry;
    private final ByteCursor cursor = new ByteCursor(new byte[0]);
    private final ByteCursor headerCursor = new ByteCursor(new byte[0]);
    private final CRC32 crc = new CRC32();

    public EventDecoder(DecoderContext context, EventDecoderRegistry registry) {
        this.context = context;
        this.registry = registry;
        context.decoder(this);
    }

    /** A decoder with the default decoders for every event type. */
    public EventDecoder(DecoderContext context) {
        this(context, EventDecoderRegistry.defaults());
    }

    public DecoderContext context() {
        return context;
    }

    /**
     * Decodes an event from the live stream: its position is taken as {@code log_pos - event length}.
     *
     * @param buffer array holding the event; only read during the call
     * @param offset where the event header starts
     * @param length event length (header + body + checksum)
     */
    public BinlogEvent decode(byte[] buffer, int offset, int length) {
        // Position -1: derived from log_pos in readHeader.
        return decode(buffer, offset, length, -1);
    }

    /**
     * Decodes an event whose start position is known (files and relay logs, where {@code log_pos} may refer to
     * another server's log).
     *
     * @param position byte offset of the event in its file; -1 to derive it from {@code log_pos}
     */
    public BinlogEvent decode(byte[] buffer, int offset, int length, long position) {
        return decode(buffer, offset, length, position, null, cursor);
    }

    /**
     * Decodes an event of the live stream whose position and checksum presence the client knows (its {@code RawEvent}):
     * {@code checksummed} overrides the context's checksum mode for this event (FORMAT_DESCRIPTION events always
     * announce their own).
     */
    public BinlogEvent decode(byte[] buffer, int offset, int length, long position, boolean checksummed) {
        return decode(buffer, offset, length, position, checksummed ? ChecksumType.CRC32 : ChecksumType.NONE, cursor);
    }

    /** Decodes an event inside a TRANSACTION_PAYLOAD: no checksum, position of the payload event. */
    BinlogEvent decodeInner(byte[] buffer, int offset, int length, long payloadPosition) {
        return decode(buffer, offset, length, payloadPosition, ChecksumType.NONE, new ByteCursor(buffer, offset, length));
    }

    /** {@code checksumOverride}: the checksum mode of this event, or {@code null} to use the context's. */
    private BinlogEvent decode(byte[] buffer, int offset, int length, long position, ChecksumType checksumOverride,
                               ByteCursor in) {
        EventHeader header = readHeader(buffer, offset, length, position);
        boolean fde = header.type() == EventType.FORMAT_DESCRIPTION;
        int bodyEnd = offset + length;
        try {
            ChecksumType checksum = ChecksumType.NONE;
            if (fde) {
                String version = FormatDescriptionEventDecoder.serverVersionOf(buffer, offset, length);
                if (FormatDescriptionEventDecoder.hasChecksumAlgorithm(version)) {
                    bodyEnd -= 4;
                    checksum = ChecksumType.ofCode(buffer[bodyEnd - 1] & 0xFF);
                }
            } else {
                checksum = checksumOverride != null ? checksumOverride : context.checksumType();
                if (checksum == ChecksumType.CRC32) {
                    bodyEnd -= 4;
                }
            }
            if (checksum == ChecksumType.CRC32) {
                verifyChecksum(buffer, offset, length, header);
            }
            int bodyStart = offset + headerLength();
            if (bodyEnd < bodyStart) {
                throw new MalformedDataException("event of " + length + " bytes is shorter than its header and"
                        + " checksum", offset);
            }
            in.reset(buffer, bodyStart, bodyEnd - bodyStart);
            if (context.developmentRowEvent(header.typeCode())) {
                throw new LocatedDecodeException(where(header) + ": type " + header.typeCode() + " of a MySQL 5.2"
                        + " development build (table map and row events numbered 16-19) is not supported", false);
            }
            int code = header.type() != null ? header.type().code() : header.typeCode();
            BinlogEvent event = registry.decoder(code).decode(header, in, context);
            track(event);
            return event;
        } catch (LocatedDecodeException e) {
            throw e;
        } catch (DecodeException e) {
            throw new LocatedDecodeException(where(header) + ": " + e.getMessage(), e.corrupt(), e);
        } catch (MalformedDataException e) {
            throw new LocatedDecodeException(where(header) + ": " + e.getMessage(), true, e);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | NegativeArraySizeException e) {
            // Lengths read from damaged bytes point outside the event: damage, never a crash of the caller.
            throw new LocatedDecodeException(where(header) + ": a length field points outside the event ("
                    + e.getMessage() + ")", true, e);
        }
    }

    private int headerLength() {
        FormatDescriptionEvent fde = context.formatDescription();
        return fde != null && fde.headerLength() >= EventHeader.LENGTH ? fde.headerLength() : EventHeader.LENGTH;
    }

    private EventHeader readHeader(byte[] buffer, int offset, int length, long position) {
        if (length < EventHeader.LENGTH) {
            throw new LocatedDecodeException(context.source() + " at " + position + ": event of " + length
                    + " bytes is shorter than the 19-byte event header (truncated)", true);
        }
        ByteCursor h = headerCursor.reset(buffer, offset, EventHeader.LENGTH);
        long timestamp = h.readUint32();
        int typeCode = h.readUint8();
        long serverId = h.readUint32();
        long eventLength = h.readUint32();
        long nextPosition = h.readUint32();
        int flags = h.readUint16();
        long start = position >= 0 ? position : Math.max(0, nextPosition - eventLength);
        EventHeader header = new EventHeader(timestamp, typeCode, context.eventType(typeCode), serverId, eventLength,
                nextPosition, flags, start);
        if (eventLength != length) {
            throw new LocatedDecodeException(where(header) + ": header says the event is " + eventLength + " bytes but "
                    + length + " were given (truncated or damaged)", true);
        }
        return header;
    }

    private void verifyChecksum(byte[] buffer, int offset, int length, EventHeader header) {
        int dataLength = length - 4;
        long expected = headerCursor.reset(buffer, offset + dataLength, 4).readUint32();
        crc.reset();
        crc.update(buffer, offset, FLAGS_OFFSET);
        // A FORMAT_DESCRIPTION written while the log was open is checksummed before LOG_EVENT_BINLOG_IN_USE_F is set.
        int flagsLow = buffer[offset + FLAGS_OFFSET] & 0xFF;
        if (header.type() == EventType.FORMAT_DESCRIPTION) {
            flagsLow &= ~EventHeader.FLAG_BINLOG_IN_USE;
        }
        crc.update(flagsLow);
        crc.update(buffer, offset + FLAGS_OFFSET + 1, dataLength - FLAGS_OFFSET - 1);
        long actual = crc.getValue();
        if (actual != expected) {
            throw new LocatedDecodeException(where(header) + ": CRC32 checksum mismatch (event says " + hex(expected)
                    + ", bytes give " + hex(actual) + "); the event is damaged", true);
        }
    }

    private void track(BinlogEvent event) {
        if (event instanceof FormatDescriptionEvent fde) {
            context.formatDescription(fde);
        } else if (event instanceof TableMapEvent tableMap) {
            context.tableMap(tableMap);
        } else if (event instanceof RotateEvent rotate && !rotate.artificial()) {
            context.clearTableMaps();
        }
    }

    private String where(EventHeader header) {
        return context.source() + " at " + header.position() + ": " + header.typeName() + " event";
    }

    private static String hex(long value) {
        return String.format("0x%08x", value);
    }
}
