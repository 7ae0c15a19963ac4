package dev.binlog.event;

import java.util.List;
import java.util.UUID;

/**
 * PREVIOUS_GTIDS: the GTIDs of every transaction in earlier binlog files.
 *
 * @param entries the set, one entry per source UUID and tag, in the order written
 */
public record PreviousGtidsEvent(EventHeader header, List<GtidSetEntry> entries) implements BinlogEvent {

    public PreviousGtidsEvent {
        entries = List.copyOf(entries);
    }

    /**
     * The set in MySQL's text form: {@code uuid:1-5:7,uuid2:1-3}, tagged ranges after the untagged ones of the same
     * UUID ({@code uuid:1-13:mytag:1-2}); empty string for the empty set.
     */
    public String gtidSet() {
        StringBuilder sb = new StringBuilder();
        UUID previous = null;
        for (GtidSetEntry entry : entries) {
            if (entry.sourceId().equals(previous)) {
                sb.append(':');
            } else {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(entry.sourceId()).append(':');
            }
            if (entry.tag() != null) {
                sb.append(entry.tag()).append(':');
            }
            for (int i = 0; i < entry.intervals().size(); i++) {
                sb.append(i > 0 ? ":" : "").append(entry.intervals().get(i));
            }
            previous = entry.sourceId();
        }
        return sb.toString();
    }
}
