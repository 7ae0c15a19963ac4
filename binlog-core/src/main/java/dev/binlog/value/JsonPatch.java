package dev.binlog.value;

import dev.binlog.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies MySQL 8's partial JSON updates ({@code binlog_row_value_options=PARTIAL_JSON}): each logged change replaces,
 * inserts or removes the element at a simple path ({@code $.a}, {@code $."a b"}, {@code $[2]}, {@code $.a[0].b}) of the
 * column's previous value, giving the full new document as MySQL would print it.
 */
public final class JsonPatch {

    /** The kinds of change a partial update logs. */
    public enum Operation {
        REPLACE,
        INSERT,
        REMOVE
    }

    private JsonPatch() {
    }

    /**
     * @param beforeJson the document before the change, as JSON text
     * @param operation  what the change does
     * @param path       where
     * @param newValue   the new value as binary JSON ({@code null} for REMOVE)
     * @return the document after the change, as JSON text
     */
    public static String apply(String beforeJson, Operation operation, String path, byte[] newValue) {
        Object root = JsonText.parse(beforeJson);
        Object value = newValue == null ? null : JsonText.parse(JsonBinary.toJson(newValue, 0, newValue.length));
        List<Object> steps = steps(path);
        if (steps.isEmpty()) {
            if (operation != Operation.REPLACE) {
                throw new DecodeException("partial JSON update " + operation + " of the whole document", true);
            }
            root = value;
        } else {
            Object parent = root;
            for (int k = 0; k < steps.size() - 1; k++) {
                parent = child(parent, steps.get(k), path);
            }
            change(parent, steps.get(steps.size() - 1), operation, value, path);
        }
        StringBuilder out = new StringBuilder(beforeJson.length() + 16);
        JsonText.print(root, out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object child(Object node, Object step, String path) {
        Object child = null;
        if (step instanceof String key && node instanceof Map<?, ?> map) {
            child = map.get(key);
        } else if (step instanceof Integer index && node instanceof List<?> list && index < list.size()) {
            child = list.get(index);
        }
        if (child == null) {
            throw new DecodeException("partial JSON update path " + path + " does not exist in the previous value",
                    true);
        }
        return child;
    }

    @SuppressWarnings("unchecked")
    private static void change(Object parent, Object step, Operation operation, Object value, String path) {
        if (step instanceof String key && parent instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            switch (operation) {
                case REPLACE, INSERT -> map.put(key, value);
                case REMOVE -> map.remove(key);
            }
            return;
        }
        if (step instanceof Integer index && parent instanceof List<?> raw) {
            List<Object> list = (List<Object>) raw;
            switch (operation) {
                case REPLACE -> {
                    if (index >= list.size()) {
                        throw new DecodeException("partial JSON update replaces missing element " + path, true);
                    }
                    list.set(index, value);
                }
                case INSERT -> list.add(Math.min(index, list.size()), value);
                case REMOVE -> {
                    if (index < list.size()) {
                        list.remove((int) index);
                    }
                }
            }
            return;
        }
        throw new DecodeException("partial JSON update path " + path + " does not match the previous value", true);
    }

    /** {@code $.a[1]."b c"} → ["a", 1, "b c"]. */
    static List<Object> steps(String path) {
        if (!path.startsWith("$")) {
            throw new DecodeException("partial JSON update path '" + path + "' does not start with $", true);
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
                if (i < path.length() && path.charAt(i) == '"') {
                    StringBuilder key = new StringBuilder();
                    i++;
                    while (i < path.length() && path.charAt(i) != '"') {
                        if (path.charAt(i) == '\\') {
                            i++;
                        }
                        key.append(path.charAt(i++));
                    }
                    i++;
                    steps.add(key.toString());
                } else {
                    int start = i;
                    while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
                        i++;
                    }
                    steps.add(path.substring(start, i));
                }
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                steps.add(Integer.parseInt(path.substring(i + 1, close).trim()));
                i = close + 1;
            } else {
                throw new DecodeException("partial JSON update path '" + path + "' has '" + c + "' at " + i, true);
            }
        }
        return steps;
    }
}
