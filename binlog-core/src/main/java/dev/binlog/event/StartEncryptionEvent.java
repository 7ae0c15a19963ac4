package dev.binlog.event;

/**
 * MariaDB START_ENCRYPTION: every following event in this file is encrypted. They cannot be decoded without the
 * encryption key; the decoder reports them with a {@link dev.binlog.DecodeException}.
 *
 * @param scheme     encryption scheme (1)
 * @param keyVersion key version
 * @param nonce      12-byte nonce
 */
public record StartEncryptionEvent(EventHeader header, int scheme, long keyVersion, byte[] nonce)
        implements BinlogEvent {
}
