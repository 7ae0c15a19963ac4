package dev.binlog.event.decode;

import dev.binlog.MariaDbGtid;
import dev.binlog.event.EventHeader;
import dev.binlog.event.MariaGtidListEvent;
import dev.binlog.io.ByteCursor;
import java.util.ArrayList;
import java.util.List;

/** MariaDB GTID_LIST: count (low 28 bits) and flags (high 4 bits), then domain, server and sequence per GTID. */
final class MariaGtidListEventDecoder implements EventBodyDecoder<MariaGtidListEvent> {

    @Override
    public MariaGtidListEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        long countAndFlags = body.readUint32();
        int count = (int) (countAndFlags & 0x0FFFFFFF);
        int flags = (int) (countAndFlags >>> 28);
        List<MariaDbGtid> gtids = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            long domain = body.readUint32();
            long server = body.readUint32();
            gtids.add(new MariaDbGtid(domain, server, body.readInt64()));
        }
        return new MariaGtidListEvent(header, flags, gtids);
    }
}
