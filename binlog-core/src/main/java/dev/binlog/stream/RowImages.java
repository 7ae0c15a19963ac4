package dev.binlog.stream;

import dev.binlog.RowValues;
import java.util.BitSet;

/**
 * One row of a rows event: before and/or after values, one per table column, decoded on access when the decoder
 * made them so.
 */
record RowImages(RowValues before, RowValues after) {

    public static RowImages insert(RowValues after) {
        return new RowImages(null, after);
    }

    public static RowImages delete(RowValues before) {
        return new RowImages(before, null);
    }

    public static RowImages update(RowValues before, RowValues after) {
        return new RowImages(before, after);
    }

    /** Values decoded already, one slot per column, with the columns the image holds ({@code null} = all). */
    public static RowImages insert(Object[] after, BitSet present) {
        return insert(RowValues.of(after, present));
    }

    public static RowImages delete(Object[] before, BitSet present) {
        return delete(RowValues.of(before, present));
    }

    public static RowImages update(Object[] before, BitSet beforePresent, Object[] after, BitSet afterPresent) {
        return update(RowValues.of(before, beforePresent), RowValues.of(after, afterPresent));
    }
}
