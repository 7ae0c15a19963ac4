package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.HeartbeatEvent;
import dev.binlog.io.ByteCursor;

/** HEARTBEAT (v1): the current file name fills the body; the position is the header's {@code log_pos}. */
final class HeartbeatEventDecoder implements EventBodyDecoder<HeartbeatEvent> {

    @Override
    public HeartbeatEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        return new HeartbeatEvent(header, Bytes.utf8(body, body.remaining()), header.nextPosition());
    }
}
