package dev.binlog.event.decode;

import dev.binlog.RowValues;

/**
 * The decoded values of an image that includes only some of the table's columns ({@code binlog_row_image=MINIMAL},
 * NDB): one slot per included column, found through a column → slot table shared by every image of the event. A slot
 * per table column instead let a rows event of one-byte images of a wide table allocate thousands of times its size.
 */
final class PartialRowValues implements RowValues {

    private final Object[] values;
    private final int[] slots;

    /**
     * @param values the included columns' values, in column order (owned from now on)
     * @param slots  per table column, its index in {@code values} or -1 when the image does not include it
     */
    PartialRowValues(Object[] values, int[] slots) {
        this.values = values;
        this.slots = slots;
    }

    @Override
    public int size() {
        return slots.length;
    }

    @Override
    public boolean isPresent(int index) {
        return slots[index] >= 0;
    }

    @Override
    public boolean isNull(int index) {
        int slot = slots[index];
        return slot < 0 || values[slot] == null;
    }

    @Override
    public Object get(int index) {
        int slot = slots[index];
        return slot < 0 ? null : values[slot];
    }

    @Override
    public String toString() {
        return "RowValues(" + slots.length + " columns, " + values.length + " included)";
    }
}
