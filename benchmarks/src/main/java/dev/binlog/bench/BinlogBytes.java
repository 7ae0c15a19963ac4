package dev.binlog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Event boundaries of a binlog file held in memory. */
final class BinlogBytes {

    /** Offset of the first event, after the magic {@code 0xfe 'bin'}. */
    static final int FIRST_EVENT = 4;

    private BinlogBytes() {
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code event_length} field of the event header at {@code offset}. */
    static int eventLength(byte[] file, int offset) {
        return uint32(file, offset + 9);
    }

    static int uint32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }
}
