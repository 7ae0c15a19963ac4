package dev.binlog.event.decode;

import dev.binlog.event.AnnotateRowsEvent;
import dev.binlog.event.EventHeader;
import dev.binlog.io.ByteCursor;

/** MariaDB ANNOTATE_ROWS: the statement text fills the body. */
final class AnnotateRowsEventDecoder implements EventBodyDecoder<AnnotateRowsEvent> {

    @Override
    public AnnotateRowsEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        return new AnnotateRowsEvent(header, Bytes.utf8(body, body.remaining()));
    }
}
