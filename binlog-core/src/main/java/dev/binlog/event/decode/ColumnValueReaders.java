package dev.binlog.event.decode;

import dev.binlog.DecodeException;
import dev.binlog.event.JsonDiff;
import dev.binlog.value.JsonBinary;
import dev.binlog.value.JsonPatch;
import dev.binlog.value.PartialJsonUpdate;
import dev.binlog.value.ValueDecoder;
import dev.binlog.value.ValueOptions;
import java.util.ArrayList;
import java.util.List;

/** The column value readers row events are decoded with. */
public final class ColumnValueReaders {

    private static final ColumnValueReader DEFAULTS = new ValueDecoder(ValueOptions.defaults())::decode;

    private ColumnValueReaders() {
    }

    /** Reads values with {@code dev.binlog.value.ValueDecoder} and its default options. */
    public static ColumnValueReader defaults() {
        return DEFAULTS;
    }

    /** Whether this is {@link #defaults()}, whose integers lazy rows may read straight from the bytes. */
    static boolean isDefault(ColumnValueReader reader) {
        return reader == DEFAULTS;
    }

    /** Applies JSON diffs with {@code dev.binlog.value}. */
    public static JsonDiffApplier defaultJsonDiffApplier() {
        return (before, diffs, column) -> {
            if (before == null) {
                // The before image does not hold the document (binlog_row_image=MINIMAL): expose the changes.
                List<PartialJsonUpdate.Change> changes = new ArrayList<>(diffs.size());
                for (JsonDiff diff : diffs) {
                    byte[] value = diff.binaryValue();
                    changes.add(new PartialJsonUpdate.Change(JsonPatch.Operation.valueOf(diff.operation().name()),
                            diff.path(), value == null ? null : JsonBinary.toJson(value, 0, value.length)));
                }
                return new PartialJsonUpdate(changes);
            }
            if (!(before instanceof String json)) {
                throw new DecodeException("column " + column.displayName() + ": partial JSON update of a "
                        + before.getClass().getSimpleName() + " value, not JSON text", true);
            }
            for (JsonDiff diff : diffs) {
                json = JsonPatch.apply(json, JsonPatch.Operation.valueOf(diff.operation().name()), diff.path(),
                        diff.binaryValue());
            }
            return json;
        };
    }
}
