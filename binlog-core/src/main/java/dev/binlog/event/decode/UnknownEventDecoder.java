package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.UnknownEvent;
import dev.binlog.io.ByteCursor;

/** Any event type without its own decoder: keeps the body bytes. */
final class UnknownEventDecoder implements EventBodyDecoder<UnknownEvent> {

    @Override
    public UnknownEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        return new UnknownEvent(header, body.readRemainingBytes());
    }
}
