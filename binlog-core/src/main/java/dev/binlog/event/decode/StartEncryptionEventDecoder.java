package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.StartEncryptionEvent;
import dev.binlog.io.ByteCursor;

/** MariaDB START_ENCRYPTION: scheme (1), key version (4), nonce (12). */
final class StartEncryptionEventDecoder implements EventBodyDecoder<StartEncryptionEvent> {

    @Override
    public StartEncryptionEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int scheme = body.readUint8();
        long keyVersion = body.readUint32();
        return new StartEncryptionEvent(header, scheme, keyVersion, body.readBytes(12));
    }
}
