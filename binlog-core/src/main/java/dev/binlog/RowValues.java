package dev.binlog;

import java.util.Objects;

/**
 * Where a {@link Row}'s values come from: a value per table column, decoded when first asked for. The decoder's row
 * images implement it over the event's bytes so that a listener reading three of fifty columns decodes three; an
 * array of values already decoded is the other implementation ({@link #of(Object[], java.util.BitSet)}).
 *
 * <p>Implementations must be safe to read from several threads at once and must return the same instance each time
 * a column is asked for.
 */
public interface RowValues {

    /** Number of columns of the table, present in the image or not. */
    int size();

    /** Whether the image includes the column (with {@code binlog_row_image=MINIMAL} some are left out). */
    boolean isPresent(int index);

    /**
     * Whether {@link #get(int)} gives {@code null}: SQL NULL, a column left out of the image, or a value that decodes
     * to {@code null} (a zero date with {@code ZeroDateMode.NULL}). Decodes only columns of the types that can do the
     * latter.
     */
    boolean isNull(int index);

    /**
     * The value of a column, decoded on the first call and kept; {@code null} for SQL NULL or an absent column.
     *
     * @throws DecodeException naming the binlog file, position, table and column when the bytes do not decode
     */
    Object get(int index);

    /**
     * Whether {@link #rawInteger(int)} can read this present, non-NULL column as a {@code long} without boxing (an
     * integer column not decoded yet); when false, callers convert {@link #get(int)}.
     */
    default boolean hasRawInteger(int index) {
        return false;
    }

    /**
     * The integer at {@code index} without boxing; only when {@link #hasRawInteger(int)}.
     *
     * @throws ArithmeticException for a BIGINT UNSIGNED value above {@code Long.MAX_VALUE}
     */
    default long rawInteger(int index) {
        throw new UnsupportedOperationException("no raw integer at column " + index);
    }

    /**
     * Whether this column holds the same value here and in {@code other} (the other image of an UPDATE). The decoder's
     * images compare the encoded bytes first and decode only when they differ.
     */
    default boolean sameValue(int index, RowValues other) {
        return Objects.deepEquals(get(index), other.get(index));
    }

    /**
     * Values already decoded.
     *
     * @param values  one value per column (owned by the result from now on)
     * @param present columns present in the image, or {@code null} when all are
     */
    static RowValues of(Object[] values, java.util.BitSet present) {
        return new DecodedRowValues(values, present);
    }
}
