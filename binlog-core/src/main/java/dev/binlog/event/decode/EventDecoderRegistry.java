package dev.binlog.event.decode;

import dev.binlog.event.EventType;
import dev.binlog.event.decode.RowsEventDecoder.Kind;
import java.util.Arrays;

/**
 * Which {@link EventBodyDecoder} decodes which event type code. Immutable: {@link #with(int, EventBodyDecoder)} returns
 * a copy with one decoder replaced. Codes without a decoder are decoded as {@link dev.binlog.event.UnknownEvent}.
 */
public final class EventDecoderRegistry {

    private static final EventBodyDecoder<?> UNKNOWN = new UnknownEventDecoder();

    private final EventBodyDecoder<?>[] decoders;

    private EventDecoderRegistry(EventBodyDecoder<?>[] decoders) {
        this.decoders = decoders;
    }

    /** The decoders for every event type this library knows. */
    public static EventDecoderRegistry defaults() {
        EventBodyDecoder<?>[] d = new EventBodyDecoder<?>[256];
        d[EventType.FORMAT_DESCRIPTION.code()] = new FormatDescriptionEventDecoder();
        d[EventType.ROTATE.code()] = new RotateEventDecoder();
        d[EventType.STOP.code()] = new StopEventDecoder();
        d[EventType.QUERY.code()] = new QueryEventDecoder();
        d[EventType.MARIA_QUERY_COMPRESSED.code()] = new QueryEventDecoder(true);
        d[EventType.XID.code()] = new XidEventDecoder();
        d[EventType.TABLE_MAP.code()] = new TableMapEventDecoder();
        d[EventType.PRE_GA_WRITE_ROWS.code()] = new RowsEventDecoder(Kind.WRITE, 0, false, false);
        d[EventType.PRE_GA_UPDATE_ROWS.code()] = new RowsEventDecoder(Kind.UPDATE, 0, false, false);
        d[EventType.PRE_GA_DELETE_ROWS.code()] = new RowsEventDecoder(Kind.DELETE, 0, false, false);
        d[EventType.WRITE_ROWS_V1.code()] = new RowsEventDecoder(Kind.WRITE, 1, false, false);
        d[EventType.UPDATE_ROWS_V1.code()] = new RowsEventDecoder(Kind.UPDATE, 1, false, false);
        d[EventType.DELETE_ROWS_V1.code()] = new RowsEventDecoder(Kind.DELETE, 1, false, false);
        d[EventType.WRITE_ROWS_V2.code()] = new RowsEventDecoder(Kind.WRITE, 2, false, false);
        d[EventType.UPDATE_ROWS_V2.code()] = new RowsEventDecoder(Kind.UPDATE, 2, false, false);
        d[EventType.DELETE_ROWS_V2.code()] = new RowsEventDecoder(Kind.DELETE, 2, false, false);
        d[EventType.PARTIAL_UPDATE_ROWS.code()] = new RowsEventDecoder(Kind.UPDATE, 2, false, true);
        d[EventType.MARIA_WRITE_ROWS_COMPRESSED_V1.code()] = new RowsEventDecoder(Kind.WRITE, 1, true, false);
        d[EventType.MARIA_UPDATE_ROWS_COMPRESSED_V1.code()] = new RowsEventDecoder(Kind.UPDATE, 1, true, false);
        d[EventType.MARIA_DELETE_ROWS_COMPRESSED_V1.code()] = new RowsEventDecoder(Kind.DELETE, 1, true, false);
        d[EventType.MARIA_WRITE_ROWS_COMPRESSED.code()] = new RowsEventDecoder(Kind.WRITE, 2, true, false);
        d[EventType.MARIA_UPDATE_ROWS_COMPRESSED.code()] = new RowsEventDecoder(Kind.UPDATE, 2, true, false);
        d[EventType.MARIA_DELETE_ROWS_COMPRESSED.code()] = new RowsEventDecoder(Kind.DELETE, 2, true, false);
        d[EventType.TRANSACTION_PAYLOAD.code()] = new TransactionPayloadEventDecoder();
        d[EventType.GTID.code()] = new GtidEventDecoder();
        d[EventType.ANONYMOUS_GTID.code()] = new GtidEventDecoder();
        d[EventType.GTID_TAGGED.code()] = new TaggedGtidEventDecoder();
        d[EventType.PREVIOUS_GTIDS.code()] = new PreviousGtidsEventDecoder();
        d[EventType.ROWS_QUERY.code()] = new RowsQueryEventDecoder();
        d[EventType.INTVAR.code()] = new IntvarEventDecoder();
        d[EventType.RAND.code()] = new RandEventDecoder();
        d[EventType.USER_VAR.code()] = new UserVarEventDecoder();
        d[EventType.XA_PREPARE.code()] = new XaPrepareEventDecoder();
        d[EventType.INCIDENT.code()] = new IncidentEventDecoder();
        d[EventType.HEARTBEAT.code()] = new HeartbeatEventDecoder();
        d[EventType.HEARTBEAT_V2.code()] = new HeartbeatV2EventDecoder();
        d[EventType.TRANSACTION_CONTEXT.code()] = new TransactionContextEventDecoder();
        d[EventType.VIEW_CHANGE.code()] = new ViewChangeEventDecoder();
        d[EventType.BEGIN_LOAD_QUERY.code()] = new BeginLoadQueryEventDecoder();
        d[EventType.EXECUTE_LOAD_QUERY.code()] = new ExecuteLoadQueryEventDecoder();
        d[EventType.APPEND_BLOCK.code()] = new AppendBlockEventDecoder();
        d[EventType.MARIA_ANNOTATE_ROWS.code()] = new AnnotateRowsEventDecoder();
        d[EventType.MARIA_BINLOG_CHECKPOINT.code()] = new BinlogCheckpointEventDecoder();
        d[EventType.MARIA_GTID.code()] = new MariaGtidEventDecoder();
        d[EventType.MARIA_GTID_LIST.code()] = new MariaGtidListEventDecoder();
        d[EventType.MARIA_START_ENCRYPTION.code()] = new StartEncryptionEventDecoder();
        return new EventDecoderRegistry(d);
    }

    /** A copy in which {@code decoder} decodes events of {@code typeCode} (0–255). */
    public EventDecoderRegistry with(int typeCode, EventBodyDecoder<?> decoder) {
        EventBodyDecoder<?>[] copy = Arrays.copyOf(decoders, decoders.length);
        copy[typeCode] = decoder;
        return new EventDecoderRegistry(copy);
    }

    /** A copy in which {@code decoder} decodes events of {@code type}. */
    public EventDecoderRegistry with(EventType type, EventBodyDecoder<?> decoder) {
        return with(type.code(), decoder);
    }

    /** The decoder for a type code; the unknown-event decoder when none is registered. */
    public EventBodyDecoder<?> decoder(int typeCode) {
        EventBodyDecoder<?> decoder = decoders[typeCode & 0xFF];
        return decoder != null ? decoder : UNKNOWN;
    }
}
