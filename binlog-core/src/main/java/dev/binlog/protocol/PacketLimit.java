package dev.binlog.protocol;

import dev.binlog.ProtocolException;
import java.util.function.Supplier;

/**
 * The largest logical packet a {@link PacketChannel} accepts, and how the error for a larger one names the limit and
 * what to do. The channel checks it against the 3-byte length headers before its buffer grows, so a peer that
 * announces an endless chain of 16 MiB packets costs the client no more memory than the limit.
 *
 * @param maxPayload largest payload of one logical packet, in bytes
 * @param prefix     bytes of the payload before what the limit is about (the OK byte before a binlog event); left
 *                   out of the sizes the message gives
 * @param subject    what the packet carries, e.g. {@code "binlog event"}
 * @param where      where the packet was read beyond the channel's stage, as {@code " at ..."} (a binlog position),
 *                   or {@code ""}; asked only for the message
 * @param limit      the limit, e.g. {@code "the maximum event size of 1073741824 bytes (1 GiB)"}
 * @param advice     what to do about it, e.g. which setting raises it
 */
public record PacketLimit(int maxPayload, int prefix, String subject, Supplier<String> where, String limit,
        String advice) {

    /** Largest handshake or authentication packet: 64 KiB, fixed (a server's are well under 1 KiB). */
    public static final int HANDSHAKE_BYTES = 64 * 1024;
    /** Largest packet of a result row of the client's own queries: 64 MiB, fixed. */
    public static final int QUERY_BYTES = 64 * 1024 * 1024;

    static final PacketLimit HANDSHAKE = new PacketLimit(HANDSHAKE_BYTES, 0, "packet", () -> "",
            "the limit of " + describe(HANDSHAKE_BYTES) + " on handshake and authentication packets, which is fixed",
            "the peer is probably not a MySQL/MariaDB server, or it is misbehaving");

    static final PacketLimit QUERY = new PacketLimit(QUERY_BYTES, 0, "packet", () -> "",
            "the limit of " + describe(QUERY_BYTES) + " on the rows of the client's own queries, which is fixed",
            "the server is misbehaving, or it returned a value far larger than any this client asks for");

    public PacketLimit {
        if (maxPayload < 1 || prefix < 0 || prefix >= maxPayload) {
            throw new IllegalArgumentException("packet limit " + maxPayload + " with prefix " + prefix);
        }
    }

    /**
     * The limit on the packets of a binlog dump: one event of at most {@code maxEventSize} bytes after the packet's
     * OK byte; {@code where} says where in the log, as {@code " at or after mysql-bin.000042:4"}.
     */
    public static PacketLimit binlogEvent(long maxEventSize, Supplier<String> where) {
        if (maxEventSize < 1 || maxEventSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maximum event size " + maxEventSize);
        }
        return new PacketLimit((int) maxEventSize + 1, 1, "binlog event", where,
                "the maximum event size of " + describe(maxEventSize),
                "if the server really writes events this large, raise maxEventSize (BinlogClient.Builder"
                        + ".maxEventSize, Spring Boot property binlog.connection.max-event-size, binlog-cli option"
                        + " --max-event-size)");
    }

    /**
     * The limit on one row of a snapshot's chunk query: a row is never larger than the binlog event that would carry
     * it, so the event size cap applies.
     */
    public static PacketLimit snapshotRow(long maxEventSize) {
        return new PacketLimit((int) Math.min(maxEventSize, Integer.MAX_VALUE - 16), 0, "row", () -> "",
                "the maximum event size of " + describe(maxEventSize),
                "a row that large would not fit a binlog event either; if the server really holds rows this large,"
                        + " raise maxEventSize (BinlogClient.Builder.maxEventSize, Spring Boot property"
                        + " binlog.connection.max-event-size, binlog-cli option --max-event-size)");
    }

    /**
     * The error for a packet from {@code endpoint} that announces at least {@code announced} bytes of payload, read
     * during {@code stage} (" while ..."); it names sizes only, never the packet's content.
     */
    ProtocolException exceeded(String endpoint, String stage, long announced) {
        return new ProtocolException(subject + " of at least " + (announced - prefix) + " bytes from " + endpoint
                + stage + where.get() + " exceeds " + limit + "; " + advice, null, false);
    }

    /** {@code 1073741824 bytes (1 GiB)}: the exact number, and the unit a user would type when it is a round one. */
    static String describe(long bytes) {
        long[] sizes = {1L << 30, 1L << 20, 1L << 10};
        String[] units = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < sizes.length; i++) {
            if (bytes >= sizes[i] && bytes % sizes[i] == 0) {
                return bytes + " bytes (" + bytes / sizes[i] + " " + units[i] + ")";
            }
        }
        return bytes + " bytes";
    }
}
