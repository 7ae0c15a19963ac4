package dev.binlog.event;

/**
 * A closed range of transaction numbers.
 *
 * @param start first transaction number
 * @param end   last transaction number (inclusive)
 */
public record GtidInterval(long start, long end) {

    @Override
    public String toString() {
        return start == end ? Long.toString(start) : start + "-" + end;
    }
}
