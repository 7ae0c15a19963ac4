package dev.binlog.event;

/** Event checksum algorithm announced by a FORMAT_DESCRIPTION event (MySQL 5.6.1+, MariaDB 5.3+). */
public enum ChecksumType {
    /** No checksum: the server predates checksums or {@code binlog_checksum=NONE}. */
    NONE,
    /** A 4-byte CRC32 trails every event. */
    CRC32;

    /** The algorithm for the code in the FORMAT_DESCRIPTION body, or {@code null} for a code we do not know. */
    public static ChecksumType ofCode(int code) {
        return switch (code) {
            case 0 -> NONE;
            case 1 -> CRC32;
            default -> null;
        };
    }
}
