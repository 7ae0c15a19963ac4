package dev.binlog.event.decode;

import dev.binlog.GtidSet;
import dev.binlog.event.EventHeader;
import dev.binlog.event.PreviousGtidsEvent;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * PREVIOUS_GTIDS: an encoded GTID set. The first 8 bytes hold the number of UUIDs; in the tagged format (8.3+) the
 * top byte is 1 and the count sits in bits 8–55. Per UUID: 16 bytes, (tagged) a tag as a serialization-library
 * string, an 8-byte interval count and per interval start and exclusive end (8 bytes each).
 */
final class PreviousGtidsEventDecoder implements EventBodyDecoder<PreviousGtidsEvent> {

    @Override
    public PreviousGtidsEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        long word = body.readInt64();
        boolean tagged = (word >>> 56) == 1;
        long count = tagged ? (word >>> 8) & 0xFFFFFFFFFFFFL : word & 0x00FFFFFFFFFFFFFFL;
        if (count < 0 || count > body.remaining() / 24 + 1) {
            throw new MalformedDataException("GTID set with " + count + " UUIDs", body.position() - 8);
        }
        List<GtidSet.UuidSet> entries = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            UUID sid = Bytes.readUuid(body);
            String tag = "";
            if (tagged) {
                int length = (int) Bytes.readSerializedUint(body);
                tag = length == 0 ? "" : Bytes.utf8(body, length);
            }
            long intervalCount = body.readInt64();
            if (intervalCount < 0 || intervalCount > body.remaining() / 16) {
                throw new MalformedDataException(intervalCount + " GTID intervals", body.position() - 8);
            }
            List<GtidSet.Interval> intervals = new ArrayList<>((int) intervalCount);
            for (long k = 0; k < intervalCount; k++) {
                long start = body.readInt64();
                long endExclusive = body.readInt64();
                if (start < 1 || endExclusive <= start) {
                    throw new MalformedDataException("GTID interval " + start + " to " + endExclusive
                            + " (exclusive)", body.position() - 16);
                }
                intervals.add(new GtidSet.Interval(start, endExclusive - 1));
            }
            entries.add(new GtidSet.UuidSet(sid, tag, intervals));
        }
        try {
            return new PreviousGtidsEvent(header, GtidSet.of(entries));
        } catch (IllegalArgumentException e) {
            throw new MalformedDataException("GTID set: " + e.getMessage(), body.position());
        }
    }
}
