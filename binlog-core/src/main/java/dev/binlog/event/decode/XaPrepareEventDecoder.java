package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.XaPrepareEvent;
import dev.binlog.io.ByteCursor;

/** XA_PREPARE: one-phase flag, format id, gtrid and bqual lengths, then gtrid and bqual. */
final class XaPrepareEventDecoder implements EventBodyDecoder<XaPrepareEvent> {

    @Override
    public XaPrepareEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        boolean onePhase = body.readUint8() != 0;
        int formatId = body.readInt32();
        int gtridLength = body.readInt32();
        int bqualLength = body.readInt32();
        byte[] gtrid = body.readBytes(gtridLength);
        byte[] bqual = body.readBytes(bqualLength);
        return new XaPrepareEvent(header, onePhase, formatId, gtrid, bqual);
    }
}
