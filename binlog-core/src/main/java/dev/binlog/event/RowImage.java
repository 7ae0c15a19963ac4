package dev.binlog.event;

import dev.binlog.RowValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * One row as a row event carries it: a value per column of the table, for the columns the image includes (with
 * {@code binlog_row_image=MINIMAL} or NDB, only some are). Values are what {@code ValueDecoder} gives; SQL NULL is
 * {@code null}. Immutable.
 *
 * <p>The decoder's images decode on access (see {@code RowDecoding}): they keep the event's bytes and decode a column
 * the first time {@link #get(int)} asks for it, so a damaged value surfaces there as a {@code DecodeException} naming
 * the file, position, table and column.
 */
public final class RowImage {

    private final RowValues values;
    private final Object[] decoded;
    private final BitSet present;

    /** Takes ownership of {@code values} (indexed by column) and {@code present}; callers must not change them. */
    public RowImage(Object[] values, BitSet present) {
        this.values = RowValues.of(values, present);
        this.decoded = values;
        this.present = present;
    }

    /**
     * An image whose values are decoded on access.
     *
     * @param values  one value per column of the table
     * @param present the columns the image includes (callers must not change it)
     */
    public RowImage(RowValues values, BitSet present) {
        this.values = values;
        this.decoded = null;
        this.present = present;
    }

    /**
     * One slot per table column, for consumers that take ownership of the image. An image built from an array returns
     * that array; an image decoded on access decodes every column into a new one. Callers must not change it.
     */
    public Object[] values() {
        if (decoded != null) {
            return decoded;
        }
        Object[] all = new Object[values.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = values.get(i);
        }
        return all;
    }

    /** The values as a {@code Row} reads them: decoded on access when the decoder made this image. */
    public RowValues rowValues() {
        return values;
    }

    /** The columns this image includes, or {@code null} when it includes all of them. Callers must not change it. */
    public BitSet presentOrNullWhenAll() {
        return present.cardinality() == values.size() ? null : present;
    }

    /** Number of columns of the table (present or not). */
    public int columnCount() {
        return values.size();
    }

    /** Whether the image includes this column (0-based). */
    public boolean isPresent(int columnIndex) {
        return present.get(columnIndex);
    }

    /**
     * The value of a column (0-based); {@code null} for SQL NULL or a column the image does not include.
     *
     * @throws dev.binlog.DecodeException when the value's bytes do not decode, naming file, position, table and column
     */
    public Object get(int columnIndex) {
        return values.get(columnIndex);
    }

    /** The 0-based indexes of the columns in this image, ascending. */
    public List<Integer> presentColumns() {
        List<Integer> list = new ArrayList<>(present.cardinality());
        present.stream().forEach(list::add);
        return list;
    }

    /** The values of the included columns in column order (SQL NULL as {@code null}). */
    public List<Object> presentValues() {
        List<Object> list = new ArrayList<>(present.cardinality());
        present.stream().forEach(i -> list.add(values.get(i)));
        return Collections.unmodifiableList(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowImage other && Arrays.equals(values(), other.values()) && present.equals(other.present);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values()) * 31 + present.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        present.stream().forEach(i -> sb.append(sb.length() > 1 ? ", " : "").append('@').append(i + 1).append('=')
                .append(values.get(i)));
        return sb.append(')').toString();
    }
}
