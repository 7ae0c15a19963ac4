package dev.binlog.event;

/**
 * INCIDENT: something happened on the source that a replica cannot replay (e.g. lost events, code 1).
 *
 * @param code    incident code (0 = none, 1 = lost events; other codes are kept as written)
 * @param message message, empty when none
 */
public record IncidentEvent(EventHeader header, int code, String message) implements BinlogEvent {
}
