package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.RowsQueryEvent;
import dev.binlog.io.ByteCursor;

/** ROWS_QUERY: a length byte the server fills with the truncated length (ignored), then the text to the end. */
final class RowsQueryEventDecoder implements EventBodyDecoder<RowsQueryEvent> {

    @Override
    public RowsQueryEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        body.skip(1);
        return new RowsQueryEvent(header, Bytes.utf8(body, body.remaining()));
    }
}
