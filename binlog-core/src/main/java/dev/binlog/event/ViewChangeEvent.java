package dev.binlog.event;

import java.util.Map;

/**
 * VIEW_CHANGE (group replication): the group membership changed.
 *
 * @param viewId            the new view id
 * @param sequenceNumber    sequence number of the change
 * @param certificationInfo certification database entries: key → encoded GTID set
 */
public record ViewChangeEvent(EventHeader header, String viewId, long sequenceNumber,
                              Map<String, String> certificationInfo) implements BinlogEvent {
}
