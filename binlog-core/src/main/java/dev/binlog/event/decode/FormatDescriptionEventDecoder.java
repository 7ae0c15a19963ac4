package dev.binlog.event.decode;

import dev.binlog.event.ChecksumType;
import dev.binlog.event.EventHeader;
import dev.binlog.event.FormatDescriptionEvent;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * FORMAT_DESCRIPTION: binlog version (2), server version (50, NUL padded), create timestamp (4), header length (1),
 * one post-header length per event type; servers from MySQL 5.6.1 / MariaDB 5.3 append the checksum algorithm byte
 * (the 4-byte checksum after it is outside the body this decoder sees).
 */
final class FormatDescriptionEventDecoder implements EventBodyDecoder<FormatDescriptionEvent> {

    static final int SERVER_VERSION_LENGTH = 50;

    @Override
    public FormatDescriptionEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int binlogVersion = body.readUint16();
        int versionStart = body.position();
        String serverVersion = new ByteCursor(body.array(), versionStart, SERVER_VERSION_LENGTH)
                .readNullTerminatedString(StandardCharsets.ISO_8859_1);
        body.skip(SERVER_VERSION_LENGTH);
        long created = body.readUint32();
        int headerLength = body.readUint8();
        ChecksumType checksum = ChecksumType.NONE;
        int typesEnd = body.limit();
        if (hasChecksumAlgorithm(serverVersion)) {
            int code = body.array()[typesEnd - 1] & 0xFF;
            checksum = ChecksumType.ofCode(code);
            if (checksum == null) {
                throw new MalformedDataException("unknown checksum algorithm " + code, typesEnd - 1);
            }
            typesEnd--;
        }
        List<Integer> postHeaderLengths = new ArrayList<>(typesEnd - body.position());
        while (body.position() < typesEnd) {
            postHeaderLengths.add(body.readUint8());
        }
        body.position(body.limit());
        return new FormatDescriptionEvent(header, binlogVersion, serverVersion, created, headerLength,
                postHeaderLengths, checksum);
    }

    /**
     * Whether a server of this version writes the checksum algorithm byte (and a 4-byte checksum) in its
     * FORMAT_DESCRIPTION: MySQL 5.6.1+, MariaDB 5.3+.
     */
    public static boolean hasChecksumAlgorithm(String serverVersion) {
        int[] v = parseVersion(serverVersion);
        int[] split = serverVersion.contains("MariaDB") ? new int[] {5, 3, 0} : new int[] {5, 6, 1};
        for (int i = 0; i < 3; i++) {
            if (v[i] != split[i]) {
                return v[i] > split[i];
            }
        }
        return true;
    }

    /** Reads the server version out of a whole FORMAT_DESCRIPTION event (header included). */
    static String serverVersionOf(byte[] event, int offset, int length) {
        int start = offset + EventHeader.LENGTH + 2;
        if (length < EventHeader.LENGTH + 2 + SERVER_VERSION_LENGTH) {
            throw new MalformedDataException("FORMAT_DESCRIPTION of " + length + " bytes", offset);
        }
        return new ByteCursor(event, start, SERVER_VERSION_LENGTH).readNullTerminatedString(StandardCharsets.ISO_8859_1);
    }

    private static int[] parseVersion(String version) {
        int[] parts = new int[3];
        int part = 0;
        int value = 0;
        boolean digits = false;
        for (int i = 0; i < version.length() && part < 3; i++) {
            char c = version.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                digits = true;
            } else {
                if (digits) {
                    parts[part++] = value;
                }
                value = 0;
                digits = false;
                if (c != '.') {
                    break;
                }
            }
        }
        if (digits && part < 3) {
            parts[part] = value;
        }
        return parts;
    }
}
