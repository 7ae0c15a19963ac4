package dev.binlog.event;

import dev.binlog.GtidSet;

/**
 * PREVIOUS_GTIDS: the GTIDs of every transaction in earlier binlog files.
 *
 * @param gtidSet the set; it prints in MySQL's text form, {@code uuid:1-5:7,uuid2:1-3}, tagged ranges after the
 *                untagged ones of the same UUID ({@code uuid:1-13:mytag:1-2}), the empty set as {@code ""}
 */
public record PreviousGtidsEvent(EventHeader header, GtidSet gtidSet) implements BinlogEvent {
}
