package dev.binlog.event;

import java.util.List;

/**
 * TRANSACTION_PAYLOAD (MySQL 8.0.20+, {@code binlog_transaction_compression=ON}): a whole transaction's events,
 * compressed. The inner events are decoded with the same context as the outer stream.
 *
 * @param compression      compression algorithm code (0 = ZSTD, 255 = none)
 * @param uncompressedSize size of the inner events uncompressed
 * @param events           the inner events, in order
 */
public record TransactionPayloadEvent(
        EventHeader header,
        int compression,
        long uncompressedSize,
        List<BinlogEvent> events) implements BinlogEvent {

    /** Compression code of ZSTD. */
    public static final int ZSTD = 0;
    /** Compression code of an uncompressed payload. */
    public static final int NONE = 255;

    public TransactionPayloadEvent {
        events = List.copyOf(events);
    }
}
