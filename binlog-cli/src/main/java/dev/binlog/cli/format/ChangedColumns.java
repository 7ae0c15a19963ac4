package dev.binlog.cli.format;

import dev.binlog.Row;
import dev.binlog.RowChange;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** The columns an UPDATE changed: as the stream reports them, else found by comparing the two images. */
final class ChangedColumns {

    private ChangedColumns() {
    }

    static Set<String> of(RowChange change) {
        if (!change.changedColumns().isEmpty() || change.before() == null || change.after() == null) {
            return change.changedColumns();
        }
        Row before = change.before();
        Row after = change.after();
        Set<String> changed = new LinkedHashSet<>();
        for (int i = 0; i < after.size() && i < before.size(); i++) {
            if (after.isPresent(i) && before.isPresent(i) && !Objects.deepEquals(before.get(i), after.get(i))) {
                changed.add(after.names().get(i));
            }
        }
        return changed;
    }
}
