/**
 * Typed, immutable binary log events: {@link dev.binlog.event.EventType}, the common
 * {@link dev.binlog.event.EventHeader} and one record per event type under the sealed
 * {@link dev.binlog.event.BinlogEvent}. Row events carry {@link dev.binlog.event.RowImage}s (column index → value).
 */
package dev.binlog.event;
