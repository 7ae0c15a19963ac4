package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.GtidEvent;
import dev.binlog.io.ByteCursor;
import java.util.UUID;

/**
 * GTID and ANONYMOUS_GTID: flags (1), UUID (16), GNO (8); from 5.7: logical clock type (1, = 2), last committed (8),
 * sequence number (8); from 8.0: immediate commit timestamp (7, bit 55 says an original one follows), transaction
 * length (length-encoded); from 8.0.14: immediate server version (4, bit 31 says an original one follows).
 */
final class GtidEventDecoder implements EventBodyDecoder<GtidEvent> {

    private static final int LOGICAL_TIMESTAMP_TYPECODE = 2;

    @Override
    public GtidEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int flags = body.readUint8();
        UUID sid = Bytes.readUuid(body);
        long gno = body.readInt64();
        Long lastCommitted = null;
        Long sequenceNumber = null;
        Long immediateTs = null;
        Long originalTs = null;
        Long length = null;
        Integer immediateVersion = null;
        Integer originalVersion = null;
        if (body.hasRemaining() && body.peekUint8() == LOGICAL_TIMESTAMP_TYPECODE) {
            body.skip(1);
            lastCommitted = body.readInt64();
            sequenceNumber = body.readInt64();
            if (body.remaining() >= 7) {
                long ts = body.readUintN(7);
                if ((ts & (1L << 55)) != 0) {
                    immediateTs = ts & ~(1L << 55);
                    originalTs = body.readUintN(7);
                } else {
                    immediateTs = ts;
                    originalTs = ts;
                }
            }
            if (body.hasRemaining()) {
                length = body.readLengthEncodedInt();
            }
            if (body.remaining() >= 4) {
                int version = body.readInt32();
                if ((version & 0x80000000) != 0) {
                    immediateVersion = version & 0x7FFFFFFF;
                    originalVersion = body.readInt32();
                } else {
                    immediateVersion = version;
                    originalVersion = version;
                }
            }
        }
        return new GtidEvent(header, flags, sid, "", gno, lastCommitted, sequenceNumber, immediateTs, originalTs,
                length, immediateVersion, originalVersion, null);
    }
}
