package dev.binlog.cli.format;

/**
 * A change that a format cannot write faithfully: writing it anyway would give SQL that fails or, worse, changes the
 * wrong data. The message is one line naming the position and table, what is missing and what to do.
 */
public final class CannotRenderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CannotRenderException(String message) {
        super(message);
    }
}
