package dev.binlog.protocol;

import dev.binlog.ServerErrorException;
import dev.binlog.ProtocolException;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.nio.charset.StandardCharsets;

/** An ERR packet: {@code 0xFF}, error code, optional {@code #} and SQL state, message. */
record ErrorPacket(int code, String sqlState, String message) {

    static ErrorPacket parse(byte[] buffer, int length) {
        ByteCursor c = new ByteCursor(buffer, 0, length);
        try {
            c.skip(1);
            int code = c.readUint16();
            String state = "HY000";
            if (c.hasRemaining() && c.peekUint8() == '#') {
                c.skip(1);
                state = c.readString(5, StandardCharsets.US_ASCII);
            }
            return new ErrorPacket(code, state, c.readRemainingString(StandardCharsets.UTF_8));
        } catch (MalformedDataException e) {
            throw new ProtocolException("the server sent an ERR packet of " + length + " bytes, too short for its error"
                    + " code and SQL state (" + e.getMessage() + ")", e, true);
        }
    }

    ServerErrorException toException(String context) {
        return new ServerErrorException(code, sqlState, message, context);
    }
}
