package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.EventType;
import dev.binlog.event.QueryEvent;
import dev.binlog.event.QueryStatus;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * QUERY, and MariaDB's QUERY_COMPRESSED (same layout, statement text compressed): thread id (4), execution time (4),
 * schema length (1), error code (2), status variables length (2, binlog v4 only); then the status variables, the
 * schema and a NUL, and the statement to the end.
 */
final class QueryEventDecoder implements EventBodyDecoder<QueryEvent> {

    private final boolean compressed;

    public QueryEventDecoder(boolean compressed) {
        this.compressed = compressed;
    }

    public QueryEventDecoder() {
        this(false);
    }

    @Override
    public QueryEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int postHeader = context.postHeaderLength(header.typeCode(), 13);
        if (header.type() == EventType.MARIA_QUERY_COMPRESSED) {
            postHeader = context.postHeaderLength(EventType.QUERY.code(), 13);
        }
        return read(header, body, postHeader, 0, compressed);
    }

    /**
     * Reads a QUERY body whose post-header is {@code postHeader} bytes, of which the last {@code extraPostHeader}
     * belong to a subclass event (EXECUTE_LOAD_QUERY) and are skipped here.
     */
    static QueryEvent read(EventHeader header, ByteCursor body, int postHeader, int extraPostHeader,
                           boolean compressed) {
        int start = body.position();
        long threadId = body.readUint32();
        long execTime = body.readUint32();
        int schemaLength = body.readUint8();
        int errorCode = body.readUint16();
        int statusLength = postHeader - extraPostHeader >= 13 ? body.readUint16() : 0;
        body.position(start + postHeader);
        int statusEnd = body.position() + statusLength;
        if (statusEnd > body.limit()) {
            throw new MalformedDataException("status variables of " + statusLength + " bytes but only "
                    + body.remaining() + " remain", body.position());
        }
        QueryStatus status = statusLength > 0 ? QueryStatusReader.read(body, statusEnd) : QueryStatus.EMPTY;
        body.position(statusEnd);
        String schema = Bytes.utf8(body, schemaLength);
        body.skip(1);
        Charset charset = charsetOf(status);
        String sql;
        if (compressed) {
            byte[] text = MariaDbCompression.inflate(body);
            sql = new String(text, charset);
        } else {
            sql = body.readString(body.remaining(), charset);
        }
        return new QueryEvent(header, threadId, execTime, errorCode, schema, sql, status);
    }

    private static Charset charsetOf(QueryStatus status) {
        if (status.charsetClient() == null) {
            return StandardCharsets.UTF_8;
        }
        Charset charset = UserVarEventDecoder.charsetOf(status.charsetClient());
        return charset != null ? charset : StandardCharsets.UTF_8;
    }
}
