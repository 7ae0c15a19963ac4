package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.TransactionContextEvent;
import dev.binlog.io.ByteCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * TRANSACTION_CONTEXT: server UUID length (1), thread id (4), GTID specified (1), snapshot version length (4), write
 * set and read set counts (4 each); then the UUID, the snapshot version and each set item with a 2-byte length.
 */
final class TransactionContextEventDecoder implements EventBodyDecoder<TransactionContextEvent> {

    @Override
    public TransactionContextEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int uuidLength = body.readUint8();
        long threadId = body.readUint32();
        boolean gtidSpecified = body.readUint8() != 0;
        int snapshotLength = body.readInt32();
        int writeSetCount = body.readInt32();
        int readSetCount = body.readInt32();
        String uuid = Bytes.utf8(body, uuidLength);
        byte[] snapshot = body.readBytes(snapshotLength);
        List<String> writeSet = readItems(body, writeSetCount);
        List<String> readSet = readItems(body, readSetCount);
        return new TransactionContextEvent(header, uuid, threadId, gtidSpecified, snapshot, writeSet, readSet);
    }

    private static List<String> readItems(ByteCursor body, int count) {
        List<String> items = new ArrayList<>(Math.min(count, 4096));
        for (int i = 0; i < count; i++) {
            items.add(Bytes.utf8(body, body.readUint16()));
        }
        return List.copyOf(items);
    }
}
