package dev.binlog.protocol;

import dev.binlog.ServerErrorException;
import dev.binlog.io.ByteCursor;
import java.nio.charset.StandardCharsets;

/** An ERR packet: {@code 0xFF}, error code, optional {@code #} and SQL state, message. */
record ErrorPacket(int code, String sqlState, String message) {

    static ErrorPacket parse(byte[] buffer, int length) {
        ByteCursor c = new ByteCursor(buffer, 0, length);
        c.skip(1);
        int code = c.readUint16();
        String state = "HY000";
        if (c.hasRemaining() && c.peekUint8() == '#') {
            c.skip(1);
            state = c.readString(5, StandardCharsets.US_ASCII);
        }
        return new ErrorPacket(code, state, c.readRemainingString(StandardCharsets.UTF_8));
    }

    ServerErrorException toException(String context) {
        return new ServerErrorException(code, sqlState, message, context);
    }
}
