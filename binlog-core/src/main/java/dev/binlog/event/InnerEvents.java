package dev.binlog.event;

import java.util.ArrayList;
import java.util.List;

/**
 * The events inside a {@link TransactionPayloadEvent}, decompressed and decoded one at a time as they are iterated,
 * so a large compressed transaction is never held decoded as a whole. Each iteration decodes afresh; iterate once,
 * in order, before reading the next outer event, as the stream does: the inner events are decoded with the reader's
 * context (inner TABLE_MAP events before the rows that refer to them).
 */
public interface InnerEvents extends Iterable<BinlogEvent> {

    /** All inner events decoded into a list: holds the whole transaction, for tools and tests that ask for it. */
    default List<BinlogEvent> toList() {
        List<BinlogEvent> events = new ArrayList<>();
        forEach(events::add);
        return events;
    }
}
