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
 */
public final class Row {

    private final ColumnNames names;
    private final Object[] values;
    private final BitSet present;

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
        this.values = values;
        this.present = present;
    }

    public int size() {
        return values.length;
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
        return present == null || present.get(index);
    }

    public boolean has(String column) {
        int index = names.indexOf(column);
        return index >= 0 && isPresent(index);
    }

    /** The value at a 0-based column index. */
    public Object get(int index) {
        return values[index];
    }

    /** The value of a column by name; throws {@link IllegalArgumentException} for a name the table does not have. */
    public Object get(String column) {
        return values[indexOf(column)];
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

    private int indexOf(String column) {
        int index = names.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + names);
        }
        return index;
    }

    /** The present columns as an insertion-ordered, unmodifiable map from name to value. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>(values.length * 2);
        for (int i = 0; i < values.length; i++) {
            if (isPresent(i)) {
                map.put(names.get(i), values[i]);
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
