package dev.binlog;

/**
 * One MariaDB global transaction id, printed {@code domain-server-sequence} such as {@code 0-1-100}. Domain and
 * server ids are unsigned 32-bit values, the sequence an unsigned 64-bit value (kept in a {@code long}; values above
 * {@link Long#MAX_VALUE} print correctly as unsigned).
 */
public record MariaDbGtid(long domainId, long serverId, long sequence) {

    public MariaDbGtid {
        if (domainId < 0 || domainId > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("MariaDB GTID domain id " + domainId + " is not an unsigned 32-bit value");
        }
        if (serverId < 0 || serverId > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("MariaDB GTID server id " + serverId + " is not an unsigned 32-bit value");
        }
    }

    /**
     * Parses {@code domain-server-sequence}, e.g. {@code 0-1-100}.
     *
     * @throws ConfigurationException naming the text when it is not a MariaDB GTID
     */
    public static MariaDbGtid parse(String text) {
        try {
            return parseText(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static MariaDbGtid parseText(String text) {
        String trimmed = text.trim();
        String[] parts = trimmed.split("-");
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + text + "' is not a MariaDB GTID; expected domain-server-sequence"
                    + " such as 0-1-100");
        }
        try {
            return new MariaDbGtid(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                    Long.parseUnsignedLong(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a MariaDB GTID; expected three unsigned"
                    + " numbers domain-server-sequence such as 0-1-100", e);
        }
    }

    @Override
    public String toString() {
        return domainId + "-" + serverId + "-" + Long.toUnsignedString(sequence);
    }
}
