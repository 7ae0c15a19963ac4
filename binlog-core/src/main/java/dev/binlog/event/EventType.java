package dev.binlog.event;

/**
 * Binary log event type codes of MySQL (0–42) and MariaDB (160–171), as written in byte 4 of the event header.
 * Codes we do not know are not in this enum: {@link #ofCode(int)} returns {@code null} and the event is decoded as an
 * {@link UnknownEvent}.
 */
public enum EventType {
    UNKNOWN(0),
    START_V3(1),
    QUERY(2),
    STOP(3),
    ROTATE(4),
    INTVAR(5),
    LOAD(6),
    SLAVE(7),
    CREATE_FILE(8),
    APPEND_BLOCK(9),
    EXEC_LOAD(10),
    DELETE_FILE(11),
    NEW_LOAD(12),
    RAND(13),
    USER_VAR(14),
    FORMAT_DESCRIPTION(15),
    XID(16),
    BEGIN_LOAD_QUERY(17),
    EXECUTE_LOAD_QUERY(18),
    TABLE_MAP(19),
    /** MySQL 5.1 pre-GA write rows (WRITE_ROWS_EVENT_V0). */
    PRE_GA_WRITE_ROWS(20),
    PRE_GA_UPDATE_ROWS(21),
    PRE_GA_DELETE_ROWS(22),
    WRITE_ROWS_V1(23),
    UPDATE_ROWS_V1(24),
    DELETE_ROWS_V1(25),
    INCIDENT(26),
    HEARTBEAT(27),
    IGNORABLE(28),
    ROWS_QUERY(29),
    WRITE_ROWS_V2(30),
    UPDATE_ROWS_V2(31),
    DELETE_ROWS_V2(32),
    GTID(33),
    ANONYMOUS_GTID(34),
    PREVIOUS_GTIDS(35),
    TRANSACTION_CONTEXT(36),
    VIEW_CHANGE(37),
    XA_PREPARE(38),
    PARTIAL_UPDATE_ROWS(39),
    TRANSACTION_PAYLOAD(40),
    HEARTBEAT_V2(41),
    GTID_TAGGED(42),
    MARIA_ANNOTATE_ROWS(160),
    MARIA_BINLOG_CHECKPOINT(161),
    MARIA_GTID(162),
    MARIA_GTID_LIST(163),
    MARIA_START_ENCRYPTION(164),
    MARIA_QUERY_COMPRESSED(165),
    MARIA_WRITE_ROWS_COMPRESSED_V1(166),
    MARIA_UPDATE_ROWS_COMPRESSED_V1(167),
    MARIA_DELETE_ROWS_COMPRESSED_V1(168),
    MARIA_WRITE_ROWS_COMPRESSED(169),
    MARIA_UPDATE_ROWS_COMPRESSED(170),
    MARIA_DELETE_ROWS_COMPRESSED(171);

    private static final EventType[] BY_CODE = new EventType[256];

    static {
        for (EventType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    EventType(int code) {
        this.code = code;
    }

    /** The type code as written in the event header. */
    public int code() {
        return code;
    }

    /** The type for a header code, or {@code null} for a code we do not know. */
    public static EventType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
