package dev.binlog.event;

/**
 * An event of a type this decoder does not know (e.g. Aurora's type 100, or a type a future server adds), or an
 * obsolete one it does not decode. Skipped by its header length; its body is kept as written.
 *
 * @param body body bytes after the header, without checksum (copied)
 */
public record UnknownEvent(EventHeader header, byte[] body) implements BinlogEvent {

    /** Whether the writer marked it as safe to ignore ({@link EventHeader#FLAG_IGNORABLE}). */
    public boolean ignorable() {
        return (header.flags() & EventHeader.FLAG_IGNORABLE) != 0;
    }
}
