package dev.binlog.event;

/**
 * One decoded binary log event. Every event type has its own immutable record; a switch over this sealed interface is
 * exhaustive. Events the decoder does not know come out as {@link UnknownEvent}.
 */
public sealed interface BinlogEvent permits FormatDescriptionEvent, RotateEvent, StopEvent, QueryEvent, XidEvent,
        TableMapEvent, RowsEvent, TransactionPayloadEvent, GtidEvent, PreviousGtidsEvent, RowsQueryEvent, IntvarEvent,
        RandEvent, UserVarEvent, XaPrepareEvent, IncidentEvent, HeartbeatEvent, TransactionContextEvent,
        ViewChangeEvent, BeginLoadQueryEvent, AppendBlockEvent, ExecuteLoadQueryEvent, AnnotateRowsEvent,
        BinlogCheckpointEvent, MariaGtidEvent, MariaGtidListEvent, StartEncryptionEvent, UnknownEvent {

    /** The event's common header. */
    EventHeader header();
}
