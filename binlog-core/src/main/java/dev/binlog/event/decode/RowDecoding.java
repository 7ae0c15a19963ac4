package dev.binlog.event.decode;

/**
 * When the column values of a rows event are decoded; set with {@link DecoderContext#rowDecoding(RowDecoding)}.
 * Either way, bytes whose lengths do not add up (a truncated or damaged row) fail when the event is read.
 */
public enum RowDecoding {
    /**
     * Opt-in: a copy of the event's row bytes is kept and each row image decodes a column the first time it is read
     * (once; the value is kept). A value that does not decode fails when it is read, with a {@code DecodeException}
     * naming file, position, table and column. Column lengths are checked when the event is read.
     */
    LAZY,
    /**
     * The default: every value of every row is decoded when the event is read, from the read buffer (no copy), and
     * any decode error is thrown there.
     */
    EAGER
}
