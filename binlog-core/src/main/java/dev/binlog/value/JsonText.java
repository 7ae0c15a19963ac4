package dev.binlog.value;

import dev.binlog.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small JSON tree for applying partial-update diffs: objects keep MySQL's key order (shorter keys first, then by
 * bytes), arrays their order, and scalars their exact text, so that printing an untouched document gives back the
 * same text.
 */
final class JsonText {

    /** A scalar kept as the text MySQL printed for it. */
    record Scalar(String text) {
    }

    private final String s;
    private int i;

    private JsonText(String s) {
        this.s = s;
    }

    static Object parse(String text) {
        JsonText parser = new JsonText(text);
        Object value = parser.value();
        parser.skipSpace();
        if (parser.i != text.length()) {
            throw parser.error("trailing characters");
        }
        return value;
    }

    static Map<String, Object> newObject() {
        return new TreeMap<>(JsonText::compareKeys);
    }

    /** MySQL's binary JSON orders object keys by length, then byte by byte. */
    static int compareKeys(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return java.util.Arrays.compareUnsigned(x, y);
    }

    private Object value() {
        skipSpace();
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(i);
        if (c == '{') {
            i++;
            Map<String, Object> object = newObject();
            skipSpace();
            if (peek() == '}') {
                i++;
                return object;
            }
            while (true) {
                skipSpace();
                String key = unquote(stringToken());
                skipSpace();
                expect(':');
                object.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    i++;
                } else {
                    expect('}');
                    return object;
                }
            }
        }
        if (c == '[') {
            i++;
            List<Object> array = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                i++;
                return array;
            }
            while (true) {
                array.add(value());
                skipSpace();
                if (peek() == ',') {
                    i++;
                } else {
                    expect(']');
                    return array;
                }
            }
        }
        if (c == '"') {
            return new Scalar(stringToken());
        }
        int start = i;
        while (i < s.length() && ",}] \n\t\r".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return new Scalar(s.substring(start, i));
    }

    private String stringToken() {
        int start = i;
        expect('"');
        while (i < s.length() && s.charAt(i) != '"') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        expect('"');
        return s.substring(start, i);
    }

    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int k = 1; k < quoted.length() - 1; k++) {
            char c = quoted.charAt(k);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = quoted.charAt(++k);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(quoted.substring(k + 1, k + 5), 16));
                    k += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private DecodeException error(String what) {
        return new DecodeException("JSON value to patch is not valid JSON (" + what + " at character " + i + ")",
                true);
    }

    /** Prints as MySQL does: {@code {"a": 1, "b": [1, 2]}}. */
    static void print(Object value, StringBuilder out) {
        if (value instanceof Scalar scalar) {
            out.append(scalar.text());
        } else if (value instanceof Map<?, ?> object) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : object.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                JsonNumbers.quote((String) e.getKey(), out);
                out.append(": ");
                print(e.getValue(), out);
            }
            out.append('}');
        } else {
            out.append('[');
            List<?> array = (List<?>) value;
            for (int k = 0; k < array.size(); k++) {
                if (k > 0) {
                    out.append(", ");
                }
                print(array.get(k), out);
            }
            out.append(']');
        }
    }
}
