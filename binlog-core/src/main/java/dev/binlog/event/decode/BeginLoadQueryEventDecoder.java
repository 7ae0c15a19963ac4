package dev.binlog.event.decode;

import dev.binlog.event.BeginLoadQueryEvent;
import dev.binlog.event.EventHeader;
import dev.binlog.io.ByteCursor;

/** BEGIN_LOAD_QUERY: 4-byte file id, then the data block. */
final class BeginLoadQueryEventDecoder implements EventBodyDecoder<BeginLoadQueryEvent> {

    @Override
    public BeginLoadQueryEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        long fileId = body.readUint32();
        return new BeginLoadQueryEvent(header, fileId, body.readRemainingBytes());
    }
}
