package dev.binlog;

import java.util.BitSet;

/** Row values decoded up front, one slot per column. */
final class DecodedRowValues implements RowValues {

    private final Object[] values;
    private final BitSet present;

    DecodedRowValues(Object[] values, BitSet present) {
        this.values = values;
        this.present = present;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isPresent(int index) {
        return present == null || present.get(index);
    }

    @Override
    public boolean isNull(int index) {
        return values[index] == null;
    }

    @Override
    public Object get(int index) {
        return values[index];
    }
}
