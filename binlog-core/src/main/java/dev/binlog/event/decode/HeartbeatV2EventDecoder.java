package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.HeartbeatEvent;
import dev.binlog.io.ByteCursor;

/**
 * HEARTBEAT_V2 (MySQL 8.0.26+): type-length-value fields with length-encoded type and length: 1 = file name,
 * 2 = position (a length-encoded integer), 0 = end.
 */
final class HeartbeatV2EventDecoder implements EventBodyDecoder<HeartbeatEvent> {

    @Override
    public HeartbeatEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        String file = "";
        long position = header.nextPosition();
        while (body.hasRemaining()) {
            int type = Bytes.lengthEncodedInt(body);
            if (type == 0) {
                break;
            }
            int length = Bytes.lengthEncodedInt(body);
            int end = body.position() + length;
            switch (type) {
                case 1 -> file = Bytes.utf8(body, length);
                case 2 -> position = body.readLengthEncodedInt();
                default -> { }
            }
            body.position(end);
        }
        return new HeartbeatEvent(header, file, position);
    }
}
