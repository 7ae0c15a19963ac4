package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.IncidentEvent;
import dev.binlog.io.ByteCursor;

/** INCIDENT: 2-byte code, then an optional message with a 1-byte length. */
final class IncidentEventDecoder implements EventBodyDecoder<IncidentEvent> {

    @Override
    public IncidentEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int code = body.readUint16();
        String message = "";
        if (body.hasRemaining()) {
            message = Bytes.utf8(body, body.readUint8());
        }
        return new IncidentEvent(header, code, message);
    }
}
