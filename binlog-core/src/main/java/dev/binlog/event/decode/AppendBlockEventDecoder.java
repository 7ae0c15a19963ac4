package dev.binlog.event.decode;

import dev.binlog.event.AppendBlockEvent;
import dev.binlog.event.EventHeader;
import dev.binlog.io.ByteCursor;

/** APPEND_BLOCK: 4-byte file id, then the data block. */
final class AppendBlockEventDecoder implements EventBodyDecoder<AppendBlockEvent> {

    @Override
    public AppendBlockEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        long fileId = body.readUint32();
        return new AppendBlockEvent(header, fileId, body.readRemainingBytes());
    }
}
