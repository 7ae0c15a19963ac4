package dev.binlog.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * One row as a row event carries it: a value per column of the table, for the columns the image includes (with
 * {@code binlog_row_image=MINIMAL} or NDB, only some are). Values are what {@code ValueDecoder} gives; SQL NULL is
 * {@code null}. Immutable.
 */
public final class RowImage {

    private final Object[] values;
    private final BitSet present;

    /** Takes ownership of {@code values} (indexed by column) and {@code present}; callers must not change them. */
    public RowImage(Object[] values, BitSet present) {
        this.values = values;
        this.present = present;
    }

    /**
     * The array behind this image, one slot per table column, for consumers that take ownership of the image
     * (the change stream wraps it in a {@code Row} without copying). Callers must not change it.
     */
    public Object[] values() {
        return values;
    }

    /** The columns this image includes, or {@code null} when it includes all of them. Callers must not change it. */
    public BitSet presentOrNullWhenAll() {
        return present.cardinality() == values.length ? null : present;
    }

    /** Number of columns of the table (present or not). */
    public int columnCount() {
        return values.length;
    }

    /** Whether the image includes this column (0-based). */
    public boolean isPresent(int columnIndex) {
        return present.get(columnIndex);
    }

    /** The value of a column (0-based); {@code null} for SQL NULL or a column the image does not include. */
    public Object get(int columnIndex) {
        return values[columnIndex];
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
        present.stream().forEach(i -> list.add(values[i]));
        return Collections.unmodifiableList(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowImage other && Arrays.equals(values, other.values) && present.equals(other.present);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + present.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        present.stream().forEach(i -> sb.append(sb.length() > 1 ? ", " : "").append('@').append(i + 1).append('=')
                .append(values[i]));
        return sb.append(')').toString();
    }
}
