package dev.binlog.spring.listener;

import dev.binlog.ConfigurationException;

/**
 * A {@code @BinlogListener} method that cannot be served as declared: an unsupported parameter, a condition that is
 * not valid SpEL or names what the method does not receive, or (once the server's tables are known) a row type whose
 * fields have no column or would lose data. Thrown at startup with a message naming the bean and method (or listener
 * id), the table and column; Spring Boot prints it as a failure analysis.
 */
public class InvalidListenerException extends ConfigurationException {

    public InvalidListenerException(String message) {
        super(message);
    }

    public InvalidListenerException(String message, Throwable cause) {
        super(message, cause);
    }
}
