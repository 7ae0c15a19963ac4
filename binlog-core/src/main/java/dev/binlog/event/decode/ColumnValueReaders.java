package dev.binlog.event.decode;

import dev.binlog.DecodeException;
import dev.binlog.io.ByteCursor;
import dev.binlog.value.Column;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** The column value readers row events are decoded with. */
public final class ColumnValueReaders {

    private static final String VALUE_DECODER = "dev.binlog.value.ValueDecoder";
    private static final String VALUE_OPTIONS = "dev.binlog.value.ValueOptions";

    private static volatile ColumnValueReader defaults;

    private ColumnValueReaders() {
    }

    /**
     * Reads values with {@code dev.binlog.value.ValueDecoder} and its default options. It is bound by name because
     * the value layer is built in parallel with this one; once both are merged this becomes a direct call.
     */
    public static ColumnValueReader defaults() {
        ColumnValueReader reader = defaults;
        if (reader == null) {
            reader = bindValueDecoder();
            defaults = reader;
        }
        return reader;
    }

    /** Applies JSON diffs with {@code dev.binlog.value.json}; not bound yet, so PARTIAL_UPDATE_ROWS JSON diffs fail. */
    public static JsonDiffApplier defaultJsonDiffApplier() {
        return (before, diffs, column) -> {
            throw new DecodeException("applying PARTIAL_UPDATE_ROWS JSON diffs needs dev.binlog.value.json, which is"
                    + " not available; read the diffs from UpdatedRow.jsonDiffs() or log full JSON values"
                    + " (binlog_row_value_options='')", false);
        };
    }

    private static ColumnValueReader bindValueDecoder() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> decoderClass = Class.forName(VALUE_DECODER);
            Class<?> optionsClass = Class.forName(VALUE_OPTIONS);
            Object options = lookup.findStatic(optionsClass, "defaults", MethodType.methodType(optionsClass)).invoke();
            Object decoder = lookup.findConstructor(decoderClass, MethodType.methodType(void.class, optionsClass))
                    .invoke(options);
            MethodHandle decode = lookup.findVirtual(decoderClass, "decode",
                    MethodType.methodType(Object.class, ByteCursor.class, Column.class)).bindTo(decoder);
            return (in, column) -> invoke(decode, in, column);
        } catch (Throwable e) {
            return (in, column) -> {
                throw new DecodeException("no column value decoder available for " + column.type() + " ("
                        + VALUE_DECODER + " could not be loaded: " + e + ")", false);
            };
        }
    }

    private static Object invoke(MethodHandle decode, ByteCursor in, Column column) {
        try {
            return decode.invoke(in, column);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
