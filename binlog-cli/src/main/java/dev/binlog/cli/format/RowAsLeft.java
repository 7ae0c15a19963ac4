package dev.binlog.cli.format;

import dev.binlog.Row;
import dev.binlog.RowChange;
import java.util.BitSet;

/**
 * The row as a change left it. For an UPDATE logged with {@code binlog_row_image=MINIMAL} the after image holds only
 * the columns the statement set, and the before image only the key: the columns it does not set kept their values,
 * so the key's values come from the before image.
 */
final class RowAsLeft {

    private RowAsLeft() {
    }

    static Row of(RowChange change) {
        Row after = change.after();
        Row before = change.before();
        if (after == null || before == null) {
            return change.row();
        }
        Object[] values = new Object[after.size()];
        BitSet present = new BitSet(after.size());
        boolean added = false;
        for (int i = 0; i < after.size(); i++) {
            if (after.isPresent(i)) {
                values[i] = after.get(i);
                present.set(i);
            } else if (i < before.size() && before.isPresent(i)) {
                values[i] = before.get(i);
                present.set(i);
                added = true;
            }
        }
        return added ? new Row(after.names(), values, present) : after;
    }
}
