package dev.binlog.cli.format;

/**
 * What the formatters need to know about a column that its value alone does not say.
 *
 * @param fractionDigits fractional-second precision of a DATETIME, TIMESTAMP or TIME column (0-6), or -1 when unknown
 * @param json           whether the column is a JSON column, whose text is embedded as a JSON value
 * @param bits           whether the column is a BIT column, whose value is an unsigned number (a BIT(64) with the top
 *                       bit set may arrive as a negative {@code Long})
 */
public record ColumnInfo(int fractionDigits, boolean json, boolean bits) {

    /** Nothing known: fractions are printed with 6 digits when nonzero, text is printed as text. */
    public static final ColumnInfo UNKNOWN = new ColumnInfo(-1, false, false);

    public ColumnInfo {
        if (fractionDigits < -1 || fractionDigits > 6) {
            throw new IllegalArgumentException("fraction digits must be -1 (unknown) or 0-6, not " + fractionDigits);
        }
    }

    /** A temporal column of known precision. */
    public static ColumnInfo temporal(int fractionDigits) {
        return new ColumnInfo(fractionDigits, false, false);
    }

    /** A JSON column. */
    public static ColumnInfo jsonColumn() {
        return new ColumnInfo(-1, true, false);
    }

    /** A BIT column. */
    public static ColumnInfo bitColumn() {
        return new ColumnInfo(-1, false, true);
    }
}
