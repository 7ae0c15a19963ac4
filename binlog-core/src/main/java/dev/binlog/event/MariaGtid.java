package dev.binlog.event;

/**
 * A MariaDB GTID {@code domain-server-sequence}.
 *
 * @param domainId replication domain
 * @param serverId server that wrote the transaction
 * @param sequence sequence number (unsigned 64 bit)
 */
public record MariaGtid(long domainId, long serverId, long sequence) {

    @Override
    public String toString() {
        return domainId + "-" + serverId + "-" + Long.toUnsignedString(sequence);
    }
}
