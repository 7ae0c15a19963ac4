package dev.binlog.event.decode;

import dev.binlog.event.BinlogCheckpointEvent;
import dev.binlog.event.EventHeader;
import dev.binlog.io.ByteCursor;

/** MariaDB BINLOG_CHECKPOINT: 4-byte name length, then the file name. */
final class BinlogCheckpointEventDecoder implements EventBodyDecoder<BinlogCheckpointEvent> {

    @Override
    public BinlogCheckpointEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int length = body.readInt32();
        return new BinlogCheckpointEvent(header, Bytes.utf8(body, length));
    }
}
