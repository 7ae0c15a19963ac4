package dev.binlog.cli;

import dev.binlog.SchemaChange;
import dev.binlog.TableFilter;
import java.util.regex.Pattern;

/**
 * Which DDL statements {@code tail} passes on, printed or published: those of a selected table or, naming none, of a
 * selected schema; never account and role statements, which may carry passwords.
 */
final class SelectedSchemaChanges {

    private static final Pattern ACCOUNT_STATEMENT = Pattern.compile("\\s*(CREATE|ALTER|DROP|RENAME)\\s+(USER|ROLE)\\b",
            Pattern.CASE_INSENSITIVE);

    private SelectedSchemaChanges() {
    }

    static boolean selected(SchemaChange change, TableFilter filter) {
        if (ACCOUNT_STATEMENT.matcher(change.statement()).lookingAt()) {
            return false;
        }
        if (change.affectedTables().isEmpty()) {
            return change.schema() != null && !change.schema().isEmpty()
                    && filter.includesTable(change.schema(), "");
        }
        for (String qualified : change.affectedTables()) {
            int dot = qualified.indexOf('.');
            String schema = dot < 0 ? change.schema() : qualified.substring(0, dot);
            String table = qualified.substring(dot + 1);
            if (schema != null && filter.includesTable(schema, table)) {
                return true;
            }
        }
        return false;
    }
}
