package dev.binlog.client;

import dev.binlog.BinlogPosition;
import dev.binlog.StartPosition;

/**
 * Follows the stream's file and positions, decides which events reach the listener, and remembers where to resume:
 * at the start of the current transaction, so that a reconnect re-reads its TABLE_MAP events, while events already
 * delivered (same file, position at or before the last delivered) are suppressed. Used by the reader thread only,
 * apart from the volatile snapshot for {@link ReplicationClient#position()}.
 */
final class PositionTracker {

    /** The server, for error messages. */
    private final String source;
    private String file;
    private boolean checksummed;
    private BinlogPosition lastDelivered;
    /** Where a reconnect asks the server to start; null until known (a GTID start before its first transaction). */
    private BinlogPosition resume;
    private volatile BinlogPosition next;
    /** Where the next event starts when it does not say so itself; -1 when unknown. */
    private long expected = -1;

    PositionTracker(StartPosition resolvedStart) {
        this(resolvedStart, "the server");
    }

    /** {@code source} names the server ({@code host:port}) in the errors of a ROTATE that is refused. */
    PositionTracker(StartPosition resolvedStart, String source) {
        this.source = source;
        if (resolvedStart instanceof StartPosition.At at) {
            resume = at.position();
            file = at.position().file();
            next = at.position();
        }
    }

    /** At each (re)connection: the server's binlog_checksum until a FORMAT_DESCRIPTION says otherwise. */
    void connected(boolean checksumOn) {
        checksummed = checksumOn;
    }

    /** The position a reconnect resumes from, or null to reuse the original start (nothing read yet). */
    BinlogPosition resume() {
        return resume;
    }

    /** Position after the last delivered event (null before the first event of a GTID start). */
    BinlogPosition next() {
        return next;
    }

    /**
     * What the reader should do with the event at {@code buffer[offset .. offset+length)}: the event to deliver, or
     * null to skip it (already delivered, artificial, heartbeat).
     */
    RawEvent accept(byte[] buffer, int offset, int length) {
        int type = EventHeader.type(buffer, offset);
        long nextPosition = EventHeader.nextPosition(buffer, offset);
        boolean unpositioned = nextPosition == 0;
        if (type == EventHeader.HEARTBEAT || type == EventHeader.HEARTBEAT_V2) {
            return null;
        }
        if (type == EventHeader.ROTATE) {
            boolean real = !unpositioned && EventHeader.timestamp(buffer, offset) != 0;
            if (real && checksummed) {
                EventChecks.rotateChecksum(buffer, offset, length, source, at());
            }
            // the artificial ROTATE a dump starts with may come before the checksum setting is known
            boolean trailer = real ? checksummed : EventHeader.crcMatches(buffer, offset, length);
            String newFile = EventChecks.rotateName(EventHeader.rotateFile(buffer, offset, length, trailer), source,
                    at());
            long newPosition = EventHeader.rotatePosition(buffer, offset);
            RawEvent event = null;
            if (real) {
                event = deliverableAt(buffer, offset, length, nextPosition - length);
                // a real rotate ends the file between transactions: the new file is a safe place to resume
                resume = new BinlogPosition(newFile, newPosition);
            }
            file = newFile;
            expected = newPosition;
            return event;
        }
        if (type == EventHeader.FORMAT_DESCRIPTION) {
            checksummed = EventHeader.formatDescriptionChecksummed(buffer, offset, length);
            if (unpositioned) {
                // the copy sent when a dump starts mid-file; it describes the file from offset 4
                return deliverableAt(buffer, offset, length, 4);
            }
            expected = nextPosition;
            return deliverableAt(buffer, offset, length, nextPosition - length);
        }
        long position;
        if (!unpositioned) {
            position = nextPosition - length;
            expected = nextPosition;
        } else if (EventHeader.timestamp(buffer, offset) == 0 || type == EventHeader.MARIADB_GTID_LIST
                || expected < 0) {
            return null; // artificial: made up by the server for this connection, not in the file
        } else {
            // MariaDB 11 writes events inside a transaction with next position 0: they follow each other
            position = expected;
            expected += length;
        }
        if (file == null) {
            return null;
        }
        if (EventHeader.startsTransaction(type)) {
            resume = new BinlogPosition(file, position);
        }
        return deliverableAt(buffer, offset, length, position);
    }

    private RawEvent deliverableAt(byte[] buffer, int offset, int length, long position) {
        if (file == null || position < 0) {
            return null;
        }
        BinlogPosition at = new BinlogPosition(file, position);
        if (lastDelivered != null && at.compareTo(lastDelivered) <= 0) {
            return null;
        }
        return new RawEvent(buffer, offset, length, file, position, checksummed);
    }

    /** Called once the listener accepted {@code event}. */
    void delivered(RawEvent event) {
        lastDelivered = new BinlogPosition(event.binlogFile(), event.position());
        if (event.type() == EventHeader.ROTATE) {
            next = new BinlogPosition(EventHeader.rotateFile(event.buffer(), event.offset(), event.length(),
                    event.checksummed()), EventHeader.rotatePosition(event.buffer(), event.offset()));
        } else if (!(event.type() == EventHeader.FORMAT_DESCRIPTION && event.nextPosition() == 0)) {
            next = new BinlogPosition(event.binlogFile(), event.position() + event.length());
        }
    }

    /** Where the stream stands, {@code file:position}, for error messages about the event that comes next. */
    String at() {
        if (file != null && expected >= 0) {
            return file + ":" + expected;
        }
        BinlogPosition known = next;
        return known != null ? known.file() + ":" + known.position() : "at the start of the stream";
    }

    /** Heartbeats carry the server's current file (v1) and position; the position is informational. */
    String file() {
        return file;
    }
}
