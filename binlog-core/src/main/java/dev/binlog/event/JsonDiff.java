package dev.binlog.event;

/**
 * One change to a JSON document as a PARTIAL_UPDATE_ROWS event logs it ({@code binlog_row_value_options=
 * PARTIAL_JSON}).
 *
 * @param operation   what the change does
 * @param path        JSON path of the changed element, e.g. {@code $.a[1]}
 * @param binaryValue new value in MySQL's binary JSON format (type byte first), or {@code null} for {@code REMOVE}
 */
public record JsonDiff(Operation operation, String path, byte[] binaryValue) {

    /** The kinds of change, in the order of their codes. */
    public enum Operation {
        /** Replace the value at the path. */
        REPLACE,
        /** Insert a value at the path (array element or object member). */
        INSERT,
        /** Remove the value at the path. */
        REMOVE
    }
}
