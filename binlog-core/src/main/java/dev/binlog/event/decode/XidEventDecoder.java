package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.XidEvent;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;

/** XID: exactly one 8-byte transaction id. */
final class XidEventDecoder implements EventBodyDecoder<XidEvent> {

    @Override
    public XidEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        // A body of another size is not an XID of any released server (5.2 development builds used code 16 otherwise).
        if (body.remaining() != 8) {
            throw new MalformedDataException("XID body is " + body.remaining() + " bytes, expected 8", body.position());
        }
        return new XidEvent(header, body.readInt64());
    }
}
