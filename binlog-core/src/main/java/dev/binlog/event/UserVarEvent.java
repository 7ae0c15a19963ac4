package dev.binlog.event;

/**
 * USER_VAR: a user variable ({@code @name}) used by the next statement.
 *
 * @param name      variable name without {@code @}
 * @param valueType 0 = STRING, 1 = REAL, 2 = INT, 3 = ROW, 4 = DECIMAL; -1 when NULL
 * @param collation collation id of a string value, 0 otherwise
 * @param value     {@code null} for NULL; {@link String} (STRING in a known charset), {@code byte[]} (STRING in an
 *                  unknown charset, DECIMAL in binary form), {@link Double} (REAL), {@link Long} or
 *                  {@link java.math.BigInteger} (INT, the latter when unsigned above {@code Long.MAX_VALUE})
 * @param flags     value flags (bit 0: unsigned), or {@code null} when not written
 */
public record UserVarEvent(EventHeader header, String name, int valueType, int collation, Object value,
                           Integer flags) implements BinlogEvent {

    public static final int STRING = 0;
    public static final int REAL = 1;
    public static final int INT = 2;
    public static final int DECIMAL = 4;
}
