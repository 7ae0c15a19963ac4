package dev.binlog;

/**
 * A column's value does not fit the accessor it was read with: {@link Row#getAsLong(String)} on a VARCHAR, an INT
 * read of a BIGINT above {@code Integer.MAX_VALUE}, a primitive read of a NULL. The message names the column and
 * what it holds (its type, never its value).
 */
public class ColumnValueException extends BinlogException {

    public ColumnValueException(String message) {
        super(message);
    }
}
