package dev.binlog;

/**
 * What the client learned about the server at connect time (for health, info and logs).
 *
 * @param host              host connected to
 * @param port              port connected to
 * @param flavor            MySQL or MariaDB ({@link ServerFlavor#displayName()} spells it {@code MySQL} or
 *                          {@code MariaDB})
 * @param version           server version without the MariaDB {@code 5.5.5-} prefix, e.g. {@code 11.4.5-MariaDB-log}
 * @param serverId          the server's {@code server_id}
 * @param serverUuid        MySQL's {@code server_uuid}, or {@code null} on MariaDB
 * @param binlogFormat      {@code binlog_format}
 * @param binlogRowImage    {@code binlog_row_image}
 * @param binlogRowMetadata {@code binlog_row_metadata} ({@code MINIMAL}, {@code FULL}) or {@code null} where unsupported
 * @param gtidMode          MySQL {@code gtid_mode}, or MariaDB {@code gtid_strict_mode} as {@code strict=ON/OFF}
 * @param binlogChecksum    {@code binlog_checksum} ({@code CRC32} or {@code NONE})
 */
public record ServerDescription(String host, int port, ServerFlavor flavor, String version, long serverId,
        String serverUuid, String binlogFormat, String binlogRowImage, String binlogRowMetadata, String gtidMode,
        String binlogChecksum) {
}
