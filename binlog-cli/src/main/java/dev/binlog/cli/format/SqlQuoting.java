package dev.binlog.cli.format;

/** MySQL quoting: backtick identifiers, single-quoted escaped strings, {@code X'..'} hex binary. */
public final class SqlQuoting {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SqlQuoting() {
    }

    /** {@code `name`}, with backticks inside the name doubled. */
    public static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** {@code `schema`.`table`}. */
    public static String table(String schema, String table) {
        return identifier(schema) + "." + identifier(table);
    }

    /**
     * A single-quoted string literal with {@code \0 ' " \b \n \r \t \Z \\} escaped as the MySQL client does, so the
     * statement survives a round trip through the {@code mysql} command-line client (which does not understand
     * {@code NO_BACKSLASH_ESCAPES}).
     */
    public static String string(String value) {
        StringBuilder text = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\0' -> text.append("\\0");
                case '\'' -> text.append("\\'");
                case '"' -> text.append("\\\"");
                case '\b' -> text.append("\\b");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\u001A' -> text.append("\\Z");
                case '\\' -> text.append("\\\\");
                default -> text.append(c);
            }
        }
        return text.append('\'').toString();
    }

    /** {@code X'CAFE'}; {@code X''} for no bytes. */
    public static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 2 + 3).append("X'");
        for (byte b : bytes) {
            text.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return text.append('\'').toString();
    }
}
