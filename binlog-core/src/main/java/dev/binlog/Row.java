package dev.binlog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row image (the before or after state of a changed row), with access by column index and by name. Values have
 * the Java types listed in the README's type table; SQL NULL is {@code null}. With {@code binlog_row_image=MINIMAL}
 * an image may lack some columns: {@link #isPresent(int)} tells an absent column from a NULL one.
 *
 * <p>A row of the change stream keeps its event's bytes and decodes a column the first time it is read, keeping the
 * value: a second read returns the same object, and columns never read are never decoded. A value whose bytes are
 * damaged therefore fails when it is read, with a {@link DecodeException} naming the binlog file, position, table and
 * column. {@link #getAsLong(String)}, {@link #getAsInt(String)} and {@link #isNull(String)} read integers without
 * boxing them.
 *
 * <p>A row may be handed to and read from other threads, also concurrently: every thread sees the same value
 * instances. It holds on to the bytes of its whole rows event for as long as it is referenced.
 */
public final class Row {

    private final ColumnNames names;
    private final RowValues values;

    /**
     * @param names   column names of the table
     * @param values  one value per column (the array is owned by the row from now on)
     * @param present columns present in the image, or {@code null} when all are
     */
    public Row(ColumnNames names, Object[] values, BitSet present) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException(values.length + " values for " + names.size() + " columns");
        }
        this.names = names;
        this.values = RowValues.of(values, present);
    }

    /**
     * A row over values that may be decoded on access, such as the decoder's row images.
     *
     * @param names  column names of the table
     * @param values one value per column
     */
    public Row(ColumnNames names, RowValues values) {
        if (values.size() != names.size()) {
            throw new IllegalArgumentException(values.size() + " values for " + names.size() + " columns");
        }
        this.names = names;
        this.values = values;
    }

    public int size() {
        return values.size();
    }

    public List<String> columnNames() {
        return names.asList();
    }

    public ColumnNames names() {
        return names;
    }

    /**
     * What is known of the column at {@code index} (binlog type and metadata such as fractional precision, charset,
     * signedness), or {@code null} when the stream had no description.
     */
    public dev.binlog.Column column(int index) {
        return names.column(index);
    }

    public boolean isPresent(int index) {
        return values.isPresent(index);
    }

    public boolean has(String column) {
        int index = names.indexOf(column);
        return index >= 0 && isPresent(index);
    }

    /** The value at a 0-based column index. */
    public Object get(int index) {
        return values.get(index);
    }

    /** The value of a column by name; throws {@link IllegalArgumentException} for a name the table does not have. */
    public Object get(String column) {
        return values.get(indexOf(column));
    }

    /** The value converted to {@code type} when it already is one, or a clear {@link ClassCastException}. */
    public <T> T get(String column, Class<T> type) {
        Object value = get(column);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw new ClassCastException("column " + column + " holds " + value.getClass().getName() + ", not "
                + type.getName());
    }

    public String getString(String column) {
        Object value = get(column);
        return value == null ? null : value instanceof byte[] bytes ? new String(bytes,
                java.nio.charset.StandardCharsets.UTF_8) : value.toString();
    }

    /** Any integer column as a long; throws {@link ArithmeticException} for unsigned values above Long.MAX_VALUE. */
    public Long getLong(String column) {
        Object value = get(column);
        if (value == null) {
            return null;
        }
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new ClassCastException("column " + column + " holds " + value.getClass().getName() + ", not a number");
    }

    public Integer getInt(String column) {
        Long value = getLong(column);
        return value == null ? null : Math.toIntExact(value);
    }

    public BigDecimal getBigDecimal(String column) {
        Object value = get(column);
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        throw new ClassCastException("column " + column + " holds " + value.getClass().getName() + ", not a decimal");
    }

    /**
     * Whether the column at {@code index} is present in the image and NULL (also a zero date read with
     * {@code ZeroDateMode.NULL}). Decodes nothing for columns of other types.
     */
    public boolean isNull(int index) {
        return values.isPresent(index) && values.isNull(index);
    }

    /**
     * Whether the column is present in the image and NULL; throws {@link IllegalArgumentException} for a name the
     * table does not have. Ask it before {@link #getAsLong(String)} on a nullable column.
     */
    public boolean isNull(String column) {
        return isNull(indexOf(column));
    }

    /**
     * An integer column (TINYINT to BIGINT, YEAR, BIT, an ENUM or SET without names) as a primitive {@code long},
     * read from the event's bytes without boxing when it has not been decoded yet.
     *
     * @throws ColumnValueException when the column is NULL or absent from the image (ask {@link #isNull(String)}
     *                              first), holds no integer (VARCHAR, DECIMAL…), or is a BIGINT UNSIGNED above
     *                              {@code Long.MAX_VALUE}
     * @throws IllegalArgumentException for a name the table does not have
     */
    public long getAsLong(String column) {
        return getAsLong(indexOf(column));
    }

    /** {@link #getAsLong(String)} by 0-based column index. */
    public long getAsLong(int index) {
        requireValue(index);
        if (values.hasRawInteger(index)) {
            try {
                return values.rawInteger(index);
            } catch (ArithmeticException e) {
                throw new ColumnValueException("column " + names.get(index) + " holds a BIGINT UNSIGNED value above "
                        + Long.MAX_VALUE + "; read it with get(), which gives a BigInteger");
            }
        }
        Object value = values.get(index);
        if (value == null) {
            throw nullValue(index);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() > 63) {
                throw new ColumnValueException("column " + names.get(index) + " holds a value above "
                        + Long.MAX_VALUE + "; read it with get(), which gives a BigInteger");
            }
            return big.longValue();
        }
        throw new ColumnValueException("column " + names.get(index) + " holds " + value.getClass().getName()
                + ", not an integer");
    }

    /**
     * {@link #getAsLong(String)} for values that fit an {@code int}.
     *
     * @throws ColumnValueException also when the value is outside the {@code int} range (an INT UNSIGNED or BIGINT)
     */
    public int getAsInt(String column) {
        return getAsInt(indexOf(column));
    }

    /** {@link #getAsInt(String)} by 0-based column index. */
    public int getAsInt(int index) {
        long value = getAsLong(index);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ColumnValueException("column " + names.get(index) + " holds a value outside the int range;"
                    + " read it with getAsLong()");
        }
        return (int) value;
    }

    private void requireValue(int index) {
        if (!values.isPresent(index)) {
            throw new ColumnValueException("column " + names.get(index) + " is not in this row image"
                    + " (binlog_row_image=MINIMAL?); ask isPresent() first");
        }
        if (values.isNull(index)) {
            throw nullValue(index);
        }
    }

    private ColumnValueException nullValue(int index) {
        return new ColumnValueException("column " + names.get(index) + " is NULL; ask isNull() before reading it as"
                + " a primitive, or use getLong(), which gives null");
    }

    private int indexOf(String column) {
        int index = names.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + names);
        }
        return index;
    }

    /** The present columns as an insertion-ordered, unmodifiable map from name to value. */
    public Map<String, Object> asMap() {
        int size = values.size();
        Map<String, Object> map = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            if (isPresent(i)) {
                map.put(names.get(i), values.get(i));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && asMap().equals(row.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    /** Column names with value types only: row values never appear in logs through toString. */
    @Override
    public String toString() {
        return "Row" + names;
    }
}
