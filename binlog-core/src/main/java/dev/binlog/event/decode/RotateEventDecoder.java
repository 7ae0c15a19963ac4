package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.EventType;
import dev.binlog.event.RotateEvent;
import dev.binlog.io.ByteCursor;

/** ROTATE: 8-byte position (binlog v4), then the next file name up to the end. */
final class RotateEventDecoder implements EventBodyDecoder<RotateEvent> {

    @Override
    public RotateEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        long position = 4;
        if (context.postHeaderLength(EventType.ROTATE.code(), 8) >= 8) {
            position = body.readInt64();
        }
        String file = Bytes.utf8(body, body.remaining());
        return new RotateEvent(header, file, position);
    }
}
