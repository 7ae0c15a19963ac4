package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.StopEvent;
import dev.binlog.io.ByteCursor;

/** STOP: no body. */
final class StopEventDecoder implements EventBodyDecoder<StopEvent> {

    @Override
    public StopEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        return new StopEvent(header);
    }
}
