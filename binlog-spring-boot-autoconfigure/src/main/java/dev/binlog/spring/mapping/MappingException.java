package dev.binlog.spring.mapping;

/** A row could not be mapped to the listener's type: a conversion or a NULL into a primitive. Never retried. */
public class MappingException extends RuntimeException {

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
