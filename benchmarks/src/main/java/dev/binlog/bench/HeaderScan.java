package dev.binlog.bench;

import dev.binlog.DecodeException;
import java.util.zip.CRC32;

/**
 * The practical upper bound of any decoder: walks the event headers of a binlog file held in memory and verifies each
 * event's CRC32, decoding nothing.
 */
public final class HeaderScan {

    private HeaderScan() {
    }

    /** The number of events; throws when a checksum does not match (the corpus files all carry CRC32). */
    public static long scan(byte[] file, CRC32 crc) {
        long events = 0;
        for (int at = BinlogBytes.FIRST_EVENT; at < file.length; ) {
            int length = BinlogBytes.eventLength(file, at);
            crc.reset();
            crc.update(file, at, length - 4);
            if ((int) crc.getValue() != BinlogBytes.uint32(file, at + length - 4)) {
                throw new DecodeException("CRC32 mismatch at " + at, true);
            }
            events++;
            at += length;
        }
        return events;
    }
}
