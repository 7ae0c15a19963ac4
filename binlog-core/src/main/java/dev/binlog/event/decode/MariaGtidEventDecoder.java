package dev.binlog.event.decode;

import dev.binlog.MariaDbGtid;
import dev.binlog.event.EventHeader;
import dev.binlog.event.MariaGtidEvent;
import dev.binlog.io.ByteCursor;

/**
 * MariaDB GTID: sequence (8), domain (4), flags (1); then a commit id (8) with {@code FL_GROUP_COMMIT_ID}, the XA xid
 * for XA groups, or 6 bytes of padding; MariaDB 10.5+ may append an extra flags byte and fields it announces.
 */
final class MariaGtidEventDecoder implements EventBodyDecoder<MariaGtidEvent> {

    @Override
    public MariaGtidEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        long sequence = body.readInt64();
        long domain = body.readUint32();
        int flags = body.readUint8();
        Long commitId = null;
        Integer xaFormatId = null;
        byte[] xid = null;
        if ((flags & MariaGtidEvent.FL_GROUP_COMMIT_ID) != 0) {
            commitId = body.readInt64();
        } else if ((flags & (MariaGtidEvent.FL_PREPARED_XA | MariaGtidEvent.FL_COMPLETED_XA)) != 0) {
            xaFormatId = body.readInt32();
            int gtridLength = body.readUint8();
            int bqualLength = body.readUint8();
            xid = body.readBytes(gtridLength + bqualLength);
        } else if (body.remaining() >= 6) {
            body.skip(6);
        }
        Integer extraFlags = body.hasRemaining() ? body.readUint8() : null;
        return new MariaGtidEvent(header, new MariaDbGtid(domain, header.serverId(), sequence), flags, commitId,
                xaFormatId, xid, extraFlags);
    }
}
