package dev.binlog.event;

import java.util.List;

/**
 * FORMAT_DESCRIPTION: describes the binlog that follows (format version, server version, header and post-header
 * lengths per event type, checksum algorithm). A relay log holds several of them; each replaces the previous one.
 *
 * @param binlogVersion     binlog format version (4 for MySQL 5.0 and later)
 * @param serverVersion     server version string, e.g. {@code 8.0.31} or {@code 10.5.15-MariaDB-log}
 * @param createTimestamp   when the log was created (0 unless it is the first log after startup)
 * @param headerLength      common header length (19)
 * @param postHeaderLengths post-header length of event type {@code code} at index {@code code - 1}
 * @param checksumType      checksum algorithm of the following events ({@link ChecksumType#NONE} before 5.6.1)
 */
public record FormatDescriptionEvent(
        EventHeader header,
        int binlogVersion,
        String serverVersion,
        long createTimestamp,
        int headerLength,
        List<Integer> postHeaderLengths,
        ChecksumType checksumType) implements BinlogEvent {

    public FormatDescriptionEvent {
        postHeaderLengths = List.copyOf(postHeaderLengths);
    }

    /** Post-header length of an event type code, or -1 when this FORMAT_DESCRIPTION does not list the code. */
    public int postHeaderLength(int typeCode) {
        return typeCode >= 1 && typeCode <= postHeaderLengths.size() ? postHeaderLengths.get(typeCode - 1) : -1;
    }

    /** Whether the log was still open when this was written ({@link EventHeader#FLAG_BINLOG_IN_USE}). */
    public boolean logInUse() {
        return (header.flags() & EventHeader.FLAG_BINLOG_IN_USE) != 0;
    }

    /** Whether a MariaDB server wrote this log. */
    public boolean mariaDb() {
        return serverVersion.contains("MariaDB");
    }
}
