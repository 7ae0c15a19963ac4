package dev.binlog.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells DDL from other QUERY events and finds the tables a DDL statement changes, as far as the text tells (no full
 * SQL parser: the result decides which cached table definitions to drop, and an unknown statement drops them all).
 * {@link #affectedTables} is public for tools that build a {@link dev.binlog.SchemaChange} themselves (a test's
 * synthetic stream) and must name its tables as the stream does.
 */
public final class DdlStatements {

    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(\\s|/\\*.*?\\*/|--[^\\n]*\\n|#[^\\n]*\\n)+",
            Pattern.DOTALL);
    private static final String NAME = "((?:`(?:[^`]|``)+`|[\\w$]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[\\w$]+))?)";
    private static final Pattern ALTER_CREATE_TRUNCATE = Pattern.compile(
            "^(?:alter\\s+(?:online\\s+|ignore\\s+)*table|create\\s+(?:or\\s+replace\\s+)?(?:temporary\\s+)?table"
                    + "(?:\\s+if\\s+not\\s+exists)?|truncate(?:\\s+table)?|create\\s+(?:unique\\s+|fulltext\\s+"
                    + "|spatial\\s+)?index\\s+\\S+\\s+on)\\s+" + NAME,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_TABLES = Pattern.compile(
            "^drop\\s+(?:temporary\\s+)?tables?\\s+(?:if\\s+exists\\s+)?(.+)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RENAME_TABLES = Pattern.compile("^rename\\s+tables?\\s+(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern DROP_INDEX = Pattern.compile("^drop\\s+index\\s+\\S+\\s+on\\s+" + NAME,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEMA_DDL = Pattern.compile(
            "^(?:create|drop|alter)\\s+(?:database|schema)\\s+(?:if\\s+(?:not\\s+)?exists\\s+)?" + NAME,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME_ITEM = Pattern.compile(NAME);
    private static final Pattern DML_TARGET = Pattern.compile("^(?:"
            + "(?:insert|replace)(?:\\s+(?:low_priority|delayed|high_priority|ignore))*(?:\\s+into)?"
            + "|update(?:\\s+(?:low_priority|ignore))*"
            + "|delete(?:\\s+(?:low_priority|quick|ignore))*\\s+from"
            + "|load\\s+data\\b.*?\\binto\\s+table)\\s+" + NAME, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private DdlStatements() {
    }

    /** The statement without leading comments and white space. */
    static String strip(String sql) {
        Matcher m = LEADING_COMMENTS.matcher(sql);
        return m.lookingAt() ? sql.substring(m.end()) : sql;
    }

    /** Transaction control (BEGIN, COMMIT, XA …, SAVEPOINT) rather than a change of definitions or data. */
    static boolean isTransactionControl(String sql) {
        String s = strip(sql).toUpperCase(Locale.ROOT);
        return s.startsWith("BEGIN") || s.startsWith("COMMIT") || s.startsWith("ROLLBACK") || s.startsWith("XA ")
                || s.startsWith("SAVEPOINT") || s.startsWith("RELEASE SAVEPOINT");
    }

    /** Statements that may change table definitions. */
    static boolean isDdl(String sql) {
        String s = strip(sql).toUpperCase(Locale.ROOT);
        return s.startsWith("CREATE") || s.startsWith("ALTER") || s.startsWith("DROP") || s.startsWith("RENAME")
                || s.startsWith("TRUNCATE");
    }

    /**
     * {@code schema.table} names the statement changes, qualified with {@code defaultSchema} where unqualified; for a
     * whole-schema statement, {@code schema.*}; empty when it cannot be told.
     */
    public static List<String> affectedTables(String sql, String defaultSchema) {
        String s = strip(sql).trim();
        List<String> tables = new ArrayList<>();
        Matcher m = ALTER_CREATE_TRUNCATE.matcher(s);
        if (m.lookingAt()) {
            tables.add(qualify(m.group(1), defaultSchema));
            m = Pattern.compile("\\brename\\s+(?:to|as)?\\s*" + NAME, Pattern.CASE_INSENSITIVE).matcher(s);
            if (s.toLowerCase(Locale.ROOT).startsWith("alter") && m.find()) {
                tables.add(qualify(m.group(1), defaultSchema));
            }
            return tables;
        }
        m = DROP_INDEX.matcher(s);
        if (m.lookingAt()) {
            tables.add(qualify(m.group(1), defaultSchema));
            return tables;
        }
        m = DROP_TABLES.matcher(s);
        if (m.lookingAt()) {
            String list = m.group(1).replaceAll("(?s)/\\*.*?\\*/", " ").trim()
                    .replaceAll("(?i)\\s+(restrict|cascade)$", "");
            Matcher item = NAME_ITEM.matcher(list);
            while (item.find()) {
                tables.add(qualify(item.group(1), defaultSchema));
            }
            return tables;
        }
        m = RENAME_TABLES.matcher(s);
        if (m.lookingAt()) {
            Matcher item = NAME_ITEM.matcher(m.group(1));
            while (item.find()) {
                String name = item.group(1);
                if (!name.equalsIgnoreCase("to")) {
                    tables.add(qualify(name, defaultSchema));
                }
            }
            return tables;
        }
        m = SCHEMA_DDL.matcher(s);
        if (m.lookingAt()) {
            tables.add(unquote(m.group(1)) + ".*");
        }
        return tables;
    }

    /**
     * The {@code schema.table} a data-changing statement (INSERT, REPLACE, UPDATE, DELETE, LOAD DATA) writes first,
     * qualified with {@code defaultSchema} where unqualified; {@code null} when it cannot be told.
     */
    static String dataChangeTable(String sql, String defaultSchema) {
        Matcher m = DML_TARGET.matcher(strip(sql).trim());
        return m.lookingAt() ? qualify(m.group(1), defaultSchema) : null;
    }

    private static String qualify(String name, String defaultSchema) {
        int dot = indexOfUnquotedDot(name);
        if (dot >= 0) {
            return unquote(name.substring(0, dot).trim()) + "." + unquote(name.substring(dot + 1).trim());
        }
        return (defaultSchema == null ? "" : defaultSchema) + "." + unquote(name.trim());
    }

    private static int indexOfUnquotedDot(String name) {
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String part) {
        if (part.length() >= 2 && part.startsWith("`") && part.endsWith("`")) {
            return part.substring(1, part.length() - 1).replace("``", "`");
        }
        return part;
    }
}
