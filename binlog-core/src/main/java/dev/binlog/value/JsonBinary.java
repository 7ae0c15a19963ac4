package dev.binlog.value;

import dev.binlog.DecodeException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * MySQL's binary JSON (the JSON column's storage format) rendered as JSON text the way the server prints it:
 * {@code {"a": 1, "b": [true, null]}}, with ", " and ": " separators, keys in stored order, and opaque DATE, TIME,
 * DATETIME and DECIMAL values as the server shows them.
 */
public final class JsonBinary {

    private static final int SMALL_OBJECT = 0x00;
    private static final int LARGE_OBJECT = 0x01;
    private static final int SMALL_ARRAY = 0x02;
    private static final int LARGE_ARRAY = 0x03;
    private static final int LITERAL = 0x04;
    private static final int INT16 = 0x05;
    private static final int UINT16 = 0x06;
    private static final int INT32 = 0x07;
    private static final int UINT32 = 0x08;
    private static final int INT64 = 0x09;
    private static final int UINT64 = 0x0a;
    private static final int DOUBLE = 0x0b;
    private static final int STRING = 0x0c;
    private static final int OPAQUE = 0x0f;

    /** MySQL's limit (JSON_DOCUMENT_MAX_DEPTH); deeper means a container points back at itself or an ancestor. */
    static final int MAX_DEPTH = 100;
    /**
     * Characters of JSON text one byte of binary JSON may become: the most a server writes is a control character in
     * a string (a six-character escape) or a 3-byte inline literal entry ({@code "false, "}, 7); more means entries
     * share the same bytes (offsets pointing at one key or value again and again), which could render a small value
     * exponentially large.
     */
    static final int MAX_CHARS_PER_BYTE = 16;

    private final byte[] buf;
    private final int start;
    private final int end;
    private final long maxChars;

    private JsonBinary(byte[] buf, int start, int end) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.maxChars = (long) MAX_CHARS_PER_BYTE * (end - start) + 64;
    }

    /** JSON text of a binary JSON document; an empty value (a JSON column holding SQL '') is {@code null}. */
    public static String toJson(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return "null";
        }
        StringBuilder out = new StringBuilder(length + 16);
        JsonBinary reader = new JsonBinary(buffer, offset, offset + length);
        try {
            reader.value(buffer[offset] & 0xFF, offset + 1, out, 0);
        } catch (IndexOutOfBoundsException e) {
            throw new DecodeException("binary JSON value of " + length + " bytes is truncated", true, e);
        } catch (dev.binlog.io.MalformedDataException e) {
            throw new DecodeException("binary JSON value of " + length + " bytes: " + e.getMessage(), true, e);
        }
        return out.toString();
    }

    private void value(int type, int at, StringBuilder out, int depth) {
        switch (type) {
            case SMALL_OBJECT -> container(at, false, true, out, depth + 1);
            case LARGE_OBJECT -> container(at, true, true, out, depth + 1);
            case SMALL_ARRAY -> container(at, false, false, out, depth + 1);
            case LARGE_ARRAY -> container(at, true, false, out, depth + 1);
            case LITERAL -> literal(buf[at] & 0xFF, out);
            case INT16 -> out.append((short) u16(at));
            case UINT16 -> out.append(u16(at));
            case INT32 -> out.append(i32(at));
            case UINT32 -> out.append(i32(at) & 0xFFFFFFFFL);
            case INT64 -> out.append(i64(at));
            case UINT64 -> out.append(Long.toUnsignedString(i64(at)));
            case DOUBLE -> out.append(JsonNumbers.formatDouble(Double.longBitsToDouble(i64(at))));
            case STRING -> string(at, out);
            case OPAQUE -> opaque(at, out);
            default -> throw new DecodeException("unknown binary JSON type 0x" + Integer.toHexString(type)
                    + " at byte " + (at - start), true);
        }
    }

    private void container(int at, boolean large, boolean object, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new DecodeException("binary JSON nested deeper than " + MAX_DEPTH + " levels at byte " + (at - start)
                    + " (a container pointing back at itself?)", true);
        }
        int count = large ? i32(at) : u16(at);
        int offsetSize = large ? 4 : 2;
        int keyEntry = offsetSize + 2;
        int valueEntry = 1 + offsetSize;
        int keysStart = at + 2 * offsetSize;
        int valuesStart = keysStart + (object ? count * keyEntry : 0);
        out.append(object ? '{' : '[');
        for (int i = 0; i < count; i++) {
            checkSize(out, 0);
            if (i > 0) {
                out.append(", ");
            }
            if (object) {
                int keyOffset = large ? i32(keysStart + i * keyEntry) : u16(keysStart + i * keyEntry);
                int keyLength = u16(keysStart + i * keyEntry + offsetSize);
                quote(at + keyOffset, keyLength, out);
                out.append(": ");
            }
            int entry = valuesStart + i * valueEntry;
            int valueType = buf[entry] & 0xFF;
            if (inlined(valueType, large)) {
                value(valueType, entry + 1, out, depth);
            } else {
                int valueOffset = large ? i32(entry + 1) : u16(entry + 1);
                value(valueType, at + valueOffset, out, depth);
            }
        }
        out.append(object ? '}' : ']');
    }

    private static boolean inlined(int type, boolean large) {
        return type == LITERAL || type == INT16 || type == UINT16 || (large && (type == INT32 || type == UINT32));
    }

    private static void literal(int value, StringBuilder out) {
        switch (value) {
            case 0 -> out.append("null");
            case 1 -> out.append("true");
            case 2 -> out.append("false");
            default -> throw new DecodeException("unknown binary JSON literal " + value, true);
        }
    }

    private void string(int at, StringBuilder out) {
        long[] length = varLength(at);
        if (length[0] > end - at) {
            throw new DecodeException("binary JSON string overruns the document", true);
        }
        quote(at + (int) length[1], (int) length[0], out);
    }

    private void opaque(int at, StringBuilder out) {
        int fieldType = buf[at] & 0xFF;
        long[] length = varLength(at + 1);
        int data = at + 1 + (int) length[1];
        if (length[0] > end - data) {
            throw new DecodeException("binary JSON opaque value overruns the document", true);
        }
        int size = (int) length[0];
        boolean temporal = fieldType == 7 || fieldType == 10 || fieldType == 11 || fieldType == 12 || fieldType == 14
                || fieldType == 17 || fieldType == 18;
        if (temporal && size < 8) {
            throw new DecodeException("binary JSON opaque temporal of " + size + " bytes, 8 expected", true);
        }
        switch (fieldType) {
            case 246 -> out.append(decimal(data, size)); // NEWDECIMAL: precision, scale, binary decimal
            case 10, 14 -> out.append('"').append(JsonTemporals.date(i64(data))).append('"');
            case 11 -> out.append('"').append(JsonTemporals.time(i64(data))).append('"');
            case 7, 12, 17, 18 -> out.append('"').append(JsonTemporals.datetime(i64(data))).append('"');
            default -> out.append("\"base64:type").append(fieldType).append(':')
                    .append(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(buf, data, data + size)))
                    .append('"');
        }
    }

    private BigDecimal decimal(int data, int size) {
        int precision = buf[data] & 0xFF;
        int scale = buf[data + 1] & 0xFF;
        return dev.binlog.value.DecimalReader.read(buf, data + 2, size - 2, precision, scale);
    }

    /** Variable-length size (7 bits per byte, low first): {length, bytes used}. */
    private long[] varLength(int at) {
        long length = 0;
        for (int i = 0; i < 5; i++) {
            int b = buf[at + i] & 0xFF;
            length |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return new long[] {length, i + 1};
            }
        }
        throw new DecodeException("binary JSON length field longer than 5 bytes", true);
    }

    private void quote(int at, int length, StringBuilder out) {
        if (length < 0 || (long) at + length > end) {
            throw new DecodeException("binary JSON string overruns the document", true);
        }
        checkSize(out, length);
        for (int i = at; i < at + length; i++) {
            int b = buf[i];
            if (b < 0x20 || b == '"' || b == '\\') { // control, quote, backslash, or (negative) non-ASCII
                JsonNumbers.quote(new String(buf, at, length, StandardCharsets.UTF_8), out);
                return;
            }
        }
        // plain ASCII, nothing to escape: straight into the output, without a String in between
        out.append('"');
        for (int i = at; i < at + length; i++) {
            out.append((char) buf[i]);
        }
        out.append('"');
    }

    private void checkSize(StringBuilder out, int adding) {
        if (out.length() + (long) adding > maxChars) {
            throw new DecodeException("binary JSON value of " + (end - start) + " bytes renders as more than "
                    + maxChars + " characters: its entries point at the same keys or values again", true);
        }
    }

    private int u16(int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8;
    }

    private int i32(int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF) << 16 | (buf[at + 3] & 0xFF) << 24;
    }

    private long i64(int at) {
        return (i32(at) & 0xFFFFFFFFL) | ((long) i32(at + 4)) << 32;
    }
}
