package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.UserVarEvent;
import dev.binlog.io.ByteCursor;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * USER_VAR: name length (4) and name, NULL flag (1); unless NULL: value type (1), collation (4), value length (4),
 * value, and (5.1.x+) a flags byte.
 */
final class UserVarEventDecoder implements EventBodyDecoder<UserVarEvent> {

    @Override
    public UserVarEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        String name = Bytes.utf8(body, body.readInt32());
        boolean isNull = body.readUint8() != 0;
        if (isNull) {
            return new UserVarEvent(header, name, -1, 0, null, null);
        }
        int type = body.readUint8();
        int collation = body.readInt32();
        int length = body.readInt32();
        int start = body.position();
        body.skip(length);
        Integer flags = body.hasRemaining() ? body.readUint8() : null;
        boolean unsigned = flags != null && (flags & 1) != 0;
        ByteCursor value = new ByteCursor(body.array(), start, length);
        Object decoded = switch (type) {
            case UserVarEvent.REAL -> Double.longBitsToDouble(value.readInt64());
            case UserVarEvent.INT -> {
                long v = value.readInt64();
                yield unsigned && v < 0 ? new BigInteger(Long.toUnsignedString(v)) : (Object) v;
            }
            case UserVarEvent.STRING -> {
                Charset charset = charsetOf(collation);
                yield charset != null ? value.readString(length, charset) : value.readBytes(length);
            }
            default -> value.readBytes(length);
        };
        return new UserVarEvent(header, name, type, collation, decoded, flags);
    }

    /** The charsets we can name without the value layer's collation table: utf8/utf8mb4, latin1, binary. */
    static Charset charsetOf(int collation) {
        return switch (collation) {
            case 33, 45, 46, 83, 192, 224, 246, 247, 255, 76, 223 -> StandardCharsets.UTF_8;
            case 5, 8, 15, 31, 47, 48, 49, 94 -> StandardCharsets.ISO_8859_1;
            default -> collation >= 255 && collation <= 323 ? StandardCharsets.UTF_8 : null;
        };
    }
}
