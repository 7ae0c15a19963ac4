package dev.binlog.client;

import dev.binlog.DecodeException;
import dev.binlog.ProtocolException;

/**
 * What the client refuses in the event stream before it trusts a field of the event for positions: an event whose
 * framing lies (shorter than its header, or an event_size other than its packet's), a ROTATE whose checksum does not
 * match, and a ROTATE to a file name that is a path. A server that sends these is broken or hostile; the file name
 * would otherwise reach position stores and tools that open files by it.
 */
final class EventChecks {

    /** Longer than any name a server's {@code log_bin} base name and sequence number make. */
    private static final int MAX_FILE_NAME = 512;

    private EventChecks() {
    }

    /**
     * Refuses an event of {@code length} bytes (the packet after its OK byte) that cannot be one.
     *
     * @param source the server, {@code host:port}
     * @param at     where the event stands, {@code file:position}
     */
    static void frame(byte[] buffer, int offset, int length, String source, String at) {
        if (length < EventHeader.LENGTH) {
            throw new DecodeException(source + " " + at + ": the server sent an event of " + length + " bytes, shorter"
                    + " than the 19-byte event header; the stream is damaged, restart from the last committed position",
                    true);
        }
        long declared = EventHeader.eventLength(buffer, offset);
        if (declared != length) {
            throw new DecodeException(source + " " + at + ": the event header says the event is " + declared
                    + " bytes but its packet holds " + length + " (truncated or damaged); the stream is damaged,"
                    + " restart from the last committed position", true);
        }
    }

    /** Refuses a real (non-artificial) ROTATE whose CRC32 does not match, before its file name is read. */
    static void rotateChecksum(byte[] buffer, int offset, int length, String source, String at) {
        if (!EventHeader.crcMatches(buffer, offset, length)) {
            throw new DecodeException(source + " " + at + ": ROTATE event: CRC32 checksum mismatch; the event is"
                    + " damaged and its file name cannot be trusted", true);
        }
    }

    /**
     * The ROTATE's next file name, if it is a plain file name: not empty, no {@code /} or {@code \}, no {@code ..},
     * no control characters, and nothing that a position's text form cannot hold ({@code :} and spaces).
     *
     * @throws ProtocolException (not retryable: the server would send it again) otherwise
     */
    static String rotateName(String name, String source, String at) {
        String problem = null;
        if (name.isEmpty()) {
            problem = "an empty file name";
        } else if (name.length() > MAX_FILE_NAME) {
            problem = "a file name of " + name.length() + " characters";
        } else if (name.contains("/") || name.contains("\\")) {
            problem = "a file name with a directory separator";
        } else if (name.contains("..")) {
            problem = "a file name with '..'";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            problem = "a file name with control characters";
        } else if (name.contains(":") || name.contains(" ")) {
            problem = "a file name with ':' or a space";
        }
        if (problem == null) {
            return name;
        }
        throw new ProtocolException(source + " " + at + ": the server sent a ROTATE to " + problem + " ('"
                + printable(name) + "'); a binlog file name is a plain name in the server's log directory, so it is"
                + " refused rather than stored as a position or opened as a path; check the server's log_bin setting"
                + " and what sits between the client and the server", null, false);
    }

    private static String printable(String name) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < name.length() && s.length() < 80; i++) {
            char c = name.charAt(i);
            s.append(c < 0x20 || c == 0x7F || Character.isSurrogate(c) ? '?' : c);
        }
        return name.length() > 80 ? s + "..." : s.toString();
    }
}
