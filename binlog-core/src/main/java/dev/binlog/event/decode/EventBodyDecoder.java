package dev.binlog.event.decode;

import dev.binlog.event.BinlogEvent;
import dev.binlog.event.EventHeader;
import dev.binlog.io.ByteCursor;

/**
 * Decodes the body of one event type. One implementation per event type; replace one with
 * {@link EventDecoderRegistry#with(int, EventBodyDecoder)}.
 *
 * @param <E> the event record it produces
 */
@FunctionalInterface
public interface EventBodyDecoder<E extends BinlogEvent> {

    /**
     * Decodes the body.
     *
     * @param header  the already decoded header
     * @param body    cursor over the body: from the first post-header byte to the last byte before the checksum; the
     *                cursor and its array are reused after the call, so copy what you keep
     * @param context format description, checksum and table maps of the stream
     */
    E decode(EventHeader header, ByteCursor body, DecoderContext context);
}
