package dev.binlog;

/** Login failed: wrong credentials, an unsupported authentication plugin, a locked account, or TLS required. */
public class AuthenticationException extends BinlogException {

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
