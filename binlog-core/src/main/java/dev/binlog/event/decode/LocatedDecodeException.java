package dev.binlog.event.decode;

import dev.binlog.DecodeException;

/** A {@link DecodeException} whose message already starts with the source and position: never wrapped again. */
final class LocatedDecodeException extends DecodeException {

    LocatedDecodeException(String message, boolean corrupt) {
        super(message, corrupt);
    }

    LocatedDecodeException(String message, boolean corrupt, Throwable cause) {
        super(message, corrupt, cause);
    }
}
