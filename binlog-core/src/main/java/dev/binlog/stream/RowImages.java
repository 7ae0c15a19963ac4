package dev.binlog.stream;

import java.util.BitSet;

/**
 * One row of a rows event as decoded: before and/or after values, one slot per table column, with the columns each
 * image holds ({@code null} = all).
 */
record RowImages(Object[] before, BitSet beforePresent, Object[] after, BitSet afterPresent) {

    public static RowImages insert(Object[] after, BitSet present) {
        return new RowImages(null, null, after, present);
    }

    public static RowImages delete(Object[] before, BitSet present) {
        return new RowImages(before, present, null, null);
    }

    public static RowImages update(Object[] before, BitSet beforePresent, Object[] after, BitSet afterPresent) {
        return new RowImages(before, beforePresent, after, afterPresent);
    }
}
