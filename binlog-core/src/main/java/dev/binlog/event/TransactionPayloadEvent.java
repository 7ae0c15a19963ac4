package dev.binlog.event;

/**
 * TRANSACTION_PAYLOAD (MySQL 8.0.20+, {@code binlog_transaction_compression=ON}): a whole transaction's events,
 * compressed. The inner events are decoded with the same context as the outer stream, lazily: see {@link InnerEvents}.
 *
 * @param compression      compression algorithm code (0 = ZSTD, 255 = none)
 * @param uncompressedSize size of the inner events uncompressed
 * @param events           the inner events, in order, decoded as they are iterated
 */
public record TransactionPayloadEvent(
        EventHeader header,
        int compression,
        long uncompressedSize,
        InnerEvents events) implements BinlogEvent {

    /** Compression code of ZSTD. */
    public static final int ZSTD = 0;
    /** Compression code of an uncompressed payload. */
    public static final int NONE = 255;
}
