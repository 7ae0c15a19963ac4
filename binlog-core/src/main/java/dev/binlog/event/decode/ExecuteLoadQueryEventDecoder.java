package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.ExecuteLoadQueryEvent;
import dev.binlog.event.QueryEvent;
import dev.binlog.io.ByteCursor;

/**
 * EXECUTE_LOAD_QUERY: a QUERY post-header (13) followed by file id (4), file name start and end positions in the
 * statement (4 each) and the duplicate handling (1); the rest as in QUERY.
 */
final class ExecuteLoadQueryEventDecoder implements EventBodyDecoder<ExecuteLoadQueryEvent> {

    private static final int EXTRA_POST_HEADER = 13;

    @Override
    public ExecuteLoadQueryEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int postHeader = context.postHeaderLength(header.typeCode(), 26);
        int start = body.position();
        ByteCursor fields = new ByteCursor(body.array(), start + postHeader - EXTRA_POST_HEADER, EXTRA_POST_HEADER);
        long fileId = fields.readUint32();
        long startPos = fields.readUint32();
        long endPos = fields.readUint32();
        int duplicates = fields.readUint8();
        QueryEvent query = QueryEventDecoder.read(header, body, postHeader, EXTRA_POST_HEADER, false);
        return new ExecuteLoadQueryEvent(header, query, fileId, startPos, endPos, duplicates);
    }
}
