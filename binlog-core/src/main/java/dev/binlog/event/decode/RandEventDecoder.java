package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.RandEvent;
import dev.binlog.io.ByteCursor;

/** RAND: two 8-byte seeds. */
final class RandEventDecoder implements EventBodyDecoder<RandEvent> {

    @Override
    public RandEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        long seed1 = body.readInt64();
        return new RandEvent(header, seed1, body.readInt64());
    }
}
