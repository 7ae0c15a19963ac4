package dev.binlog.bench;

import com.github.shyiko.mysql.binlog.BinaryLogFileReader;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Decodes a binlog file held in memory with mysql-binlog-connector-java's {@link EventDeserializer}. */
public final class ConnectorJDecoder {

    /** The competitor's configurations. */
    public enum Mode {
        /** {@code new EventDeserializer()} as it comes: dates as {@code java.util.Date}, CHAR/VARCHAR as String. */
        DEFAULT,
        /**
         * Its cheapest typed output: dates and times as {@code long} microseconds, CHAR/VARCHAR/BINARY as
         * {@code byte[]} (no charset decoding). The other modes change only how invalid dates come out.
         */
        FAST,
        /**
         * FAST's output turned into the Java values binlog-core delivers, as a connector-j user must do
         * ({@link ConnectorJValues}): the same work as ours, inside the timed path.
         */
        EQUAL_WORK
    }

    private ConnectorJDecoder() {
    }

    /**
     * Fails unless connector-j's classes come from the {@code com.zendesk} 0.30.1 jar: Debezium brings its own fork
     * in the same packages, which must stay behind it on the class path (it runs in a class loader of its own).
     */
    static void requireZendeskJar() {
        String jar = DebeziumRowStream.jarOf(BinaryLogFileReader.class);
        if (!jar.contains("com/zendesk/mysql-binlog-connector-java") && !jar.contains("com.zendesk")) {
            throw new IllegalStateException("connector-j's classes come from " + jar + ", not com.zendesk's 0.30.1"
                    + " jar: put com.zendesk:mysql-binlog-connector-java before Debezium in benchmarks/pom.xml");
        }
    }

    static EventDeserializer deserializer(Mode mode) {
        EventDeserializer deserializer = new EventDeserializer();
        if (mode != Mode.DEFAULT) {
            deserializer.setCompatibilityMode(CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                    CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        }
        return deserializer;
    }

    public static DecodeCount decode(byte[] file, Mode mode, RowSink sink) {
        boolean convert = mode == Mode.EQUAL_WORK;
        Map<Long, ConnectorJValues> tables = new HashMap<>();
        long events = 0;
        long rows = 0;
        try (BinaryLogFileReader reader = new BinaryLogFileReader(new ByteArrayInputStream(file),
                deserializer(mode))) {
            for (Event event; (event = reader.readEvent()) != null; ) {
                events++;
                EventData data = event.getData();
                if (data instanceof WriteRowsEventData write) {
                    rows += images(write.getRows(), convert ? tables.get(write.getTableId()) : null,
                            write.getIncludedColumns(), sink);
                } else if (data instanceof UpdateRowsEventData update) {
                    ConnectorJValues values = convert ? tables.get(update.getTableId()) : null;
                    for (Map.Entry<Serializable[], Serializable[]> row : update.getRows()) {
                        sink.row(converted(row.getKey(), values, update.getIncludedColumnsBeforeUpdate()));
                        sink.row(converted(row.getValue(), values, update.getIncludedColumns()));
                    }
                    rows += update.getRows().size();
                } else if (data instanceof DeleteRowsEventData delete) {
                    rows += images(delete.getRows(), convert ? tables.get(delete.getTableId()) : null,
                            delete.getIncludedColumns(), sink);
                } else if (convert && data instanceof TableMapEventData table) {
                    tables.put(table.getTableId(), ConnectorJValues.of(table, tables.get(table.getTableId())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DecodeCount(events, rows);
    }

    private static int images(List<Serializable[]> rows, ConnectorJValues values, BitSet included, RowSink sink) {
        for (Serializable[] row : rows) {
            sink.row(converted(row, values, included));
        }
        return rows.size();
    }

    private static Serializable[] converted(Serializable[] row, ConnectorJValues values, BitSet included) {
        return values == null ? row : values.convert(row, included);
    }
}
