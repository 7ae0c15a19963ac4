package dev.binlog.value;

/**
 * A DATE, DATETIME or TIMESTAMP value that is zero or partly zero ({@code 0000-00-00}, {@code 2020-00-10 12:00:00}),
 * which no {@code java.time} type can hold. {@link #toString()} is the value exactly as the server prints it.
 *
 * @param text the server's rendering, with the column's fractional digits
 */
public record ZeroDate(String text) {

    @Override
    public String toString() {
        return text;
    }
}
