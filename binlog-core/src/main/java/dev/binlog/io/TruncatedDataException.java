package dev.binlog.io;

/**
 * A read needed more bytes than the slice holds. Low-level: decoders catch it and rethrow it as a
 * {@link dev.binlog.DecodeException} or {@link dev.binlog.ProtocolException} that names the event or packet.
 */
public final class TruncatedDataException extends MalformedDataException {

    public TruncatedDataException(int needed, int available, int offset) {
        super("needed " + needed + " bytes but only " + available + " remain", offset);
    }
}
