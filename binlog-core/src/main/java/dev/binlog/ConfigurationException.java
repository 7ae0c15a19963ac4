package dev.binlog;

/**
 * The client's settings, or the server's, do not allow streaming row changes (for example
 * {@code binlog_format=STATEMENT}, or a missing {@code REPLICATION SLAVE} grant). The message names the setting and
 * the fix.
 */
public class ConfigurationException extends BinlogException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
