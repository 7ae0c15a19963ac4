package dev.binlog.spring.mapping;

import dev.binlog.BinlogException;

/**
 * A row could not be mapped to the listener's type: a conversion or a NULL into a primitive. The message names the
 * column, the field and what to declare instead. Never retried: the same row would fail again.
 */
public class MappingException extends BinlogException {

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
