package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.GtidEvent;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.util.UUID;

/**
 * GTID_TAGGED (MySQL 8.3+), written with MySQL's serialization library: a format version byte (2), the payload size
 * and the last non-ignorable field id as variable-length integers, then (field id, value) pairs.
 */
final class TaggedGtidEventDecoder implements EventBodyDecoder<GtidEvent> {

    private static final int SERIALIZATION_VERSION = 2;

    @Override
    public GtidEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int start = body.position();
        int version = body.readUint8();
        if (version != SERIALIZATION_VERSION) {
            throw new MalformedDataException("tagged GTID serialization version " + version, start);
        }
        long payloadSize = Bytes.readSerializedUint(body);
        Bytes.readSerializedUint(body); // last non-ignorable field id: all fields below are known
        long end = start + payloadSize;
        if (end > body.limit() || end < body.position()) {
            throw new MalformedDataException("tagged GTID payload of " + payloadSize + " bytes", start);
        }
        int flags = 0;
        long msb = 0;
        long lsb = 0;
        String tag = "";
        long gno = 0;
        Long lastCommitted = null;
        Long sequenceNumber = null;
        Long immediateTs = null;
        Long originalTs = null;
        Long length = null;
        Integer immediateVersion = null;
        Integer originalVersion = null;
        Long ticket = null;
        while (body.position() < end) {
            int field = (int) Bytes.readSerializedUint(body);
            switch (field) {
                case 0 -> flags = (int) Bytes.readSerializedUint(body);
                case 1 -> {
                    for (int i = 0; i < 16; i++) {
                        long b = Bytes.readSerializedUint(body) & 0xFF;
                        if (i < 8) {
                            msb = (msb << 8) | b;
                        } else {
                            lsb = (lsb << 8) | b;
                        }
                    }
                }
                case 2 -> gno = Bytes.readSerializedInt(body);
                case 3 -> tag = Bytes.utf8(body, (int) Bytes.readSerializedUint(body));
                case 4 -> lastCommitted = Bytes.readSerializedInt(body);
                case 5 -> sequenceNumber = Bytes.readSerializedInt(body);
                case 6 -> immediateTs = Bytes.readSerializedUint(body);
                case 7 -> originalTs = Bytes.readSerializedUint(body);
                case 8 -> length = Bytes.readSerializedUint(body);
                case 9 -> immediateVersion = (int) Bytes.readSerializedUint(body);
                case 10 -> originalVersion = (int) Bytes.readSerializedUint(body);
                case 11 -> ticket = Bytes.readSerializedUint(body);
                default -> throw new MalformedDataException("unknown tagged GTID field " + field, body.position());
            }
        }
        // Fields equal to the immediate ones are omitted by the writer.
        if (originalTs == null) {
            originalTs = immediateTs;
        }
        if (originalVersion == null) {
            originalVersion = immediateVersion;
        }
        return new GtidEvent(header, flags, new UUID(msb, lsb), tag, gno, lastCommitted, sequenceNumber, immediateTs,
                originalTs, length, immediateVersion, originalVersion, ticket);
    }
}
