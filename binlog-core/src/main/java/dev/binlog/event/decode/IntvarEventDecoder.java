package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.IntvarEvent;
import dev.binlog.io.ByteCursor;

/** INTVAR: kind byte, 8-byte value. */
final class IntvarEventDecoder implements EventBodyDecoder<IntvarEvent> {

    @Override
    public IntvarEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int kind = body.readUint8();
        return new IntvarEvent(header, kind, body.readInt64());
    }
}
