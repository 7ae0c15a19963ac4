package dev.binlog.event.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.Column;
import dev.binlog.ColumnNames;
import dev.binlog.ColumnType;
import dev.binlog.ColumnValueException;
import dev.binlog.DecodeException;
import dev.binlog.Row;
import dev.binlog.event.EventHeader;
import dev.binlog.event.EventType;
import dev.binlog.event.RowImage;
import dev.binlog.event.TableMapEvent;
import dev.binlog.event.UpdateRowsEvent;
import dev.binlog.event.WriteRowsEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rows decoded on access ({@link RowDecoding#LAZY}, the default) against rows decoded when read. */
class LazyRowDecodingTest {

    private static final int WRITE_ROWS_V2 = 30;
    private static final int UPDATE_ROWS_V2 = 31;
    private static final long TABLE_ID = 7;

    private static Column column(int index, String name, ColumnType type, int metadata) {
        return Column.of(index, type, metadata, true).withName(name);
    }

    private static Column varchar(int index, String name) {
        return column(index, name, ColumnType.VARCHAR, 80).withCollationId(45);
    }

    /** A decoder that knows table d.t with these columns, decoding rows as told. */
    private static EventDecoder decoder(RowDecoding mode, ColumnValueReader reader, List<Column> columns) {
        DecoderContext context = new DecoderContext("test-server:3306", reader,
                ColumnValueReaders.defaultJsonDiffApplier());
        context.rowDecoding(mode);
        EventHeader header = new EventHeader(0, 19, EventType.TABLE_MAP, 1, 0, 0, 0, 100);
        context.tableMap(new TableMapEvent(header, TABLE_ID, 1, "d", "t", columns, List.of(), List.of()));
        return new EventDecoder(context);
    }

    private static EventDecoder decoder(RowDecoding mode, List<Column> columns) {
        return decoder(mode, ColumnValueReaders.defaults(), columns);
    }

    /** A WRITE_ROWS v2 (or UPDATE_ROWS v2) event at position 200 of all {@code columnCount} columns. */
    private static byte[] rowsEvent(int type, int columnCount, byte[] rows) {
        EventBytes body = new EventBytes().u48(TABLE_ID).u16(1).u16(2).u8(columnCount);
        byte[] all = new byte[(columnCount + 7) / 8];
        for (int i = 0; i < columnCount; i++) {
            all[i / 8] |= (byte) (1 << (i % 8));
        }
        body.bytes(all);
        if (type == UPDATE_ROWS_V2) {
            body.bytes(all);
        }
        return EventBytes.event(type, 0, 200, body.bytes(rows).toBytes(), false);
    }

    private static List<RowImage> insertedRows(EventDecoder decoder, int columnCount, byte[] rows) {
        byte[] event = rowsEvent(WRITE_ROWS_V2, columnCount, rows);
        return ((WriteRowsEvent) decoder.decode(event, 0, event.length)).rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.binlog.value.ValueDecoderTest#cases")
    void lazyAndEagerGiveTheSameValueForEveryColumnType(String name, Column typed, String hex, Object expected) {
        // The column between two INTs: the INT after it is found by skipping the value's length.
        List<Column> columns = List.of(column(0, "before", ColumnType.LONG, 0),
                new Column(1, typed.type(), typed.metadata(), true, "value", typed.unsigned(), typed.collationId(),
                        typed.enumValues(), typed.setValues(), typed.geometryType(), typed.dataTypeName(), null, null,
                        null),
                column(2, "after", ColumnType.LONG, 0));
        byte[] rows = new EventBytes()
                .u8(0).u32(11).bytes(HexFormat.of().parseHex(hex)).u32(12)  // (11, value, 12)
                .u8(0b010).u32(21).u32(22)                                   // (21, NULL, 22)
                .toBytes();

        List<RowImage> lazy = insertedRows(decoder(RowDecoding.LAZY, columns), 3, rows);
        List<RowImage> eager = insertedRows(decoder(RowDecoding.EAGER, columns), 3, rows);

        assertThat(lazy).hasSize(2);
        assertThat(lazy.get(0).get(1)).isEqualTo(expected);
        assertThat(lazy.get(0).get(2)).isEqualTo(12);
        assertThat(lazy.get(0).get(0)).isEqualTo(11);
        assertThat(lazy.get(1).presentValues()).containsExactly(21, null, 22);
        assertThat(lazy.get(0).presentValues()).isEqualTo(eager.get(0).presentValues());
        assertThat(lazy.get(1).presentValues()).isEqualTo(eager.get(1).presentValues());
        assertThat(lazy).isEqualTo(eager);
    }

    @Test
    void aColumnIsDecodedOnceAndReadsReturnTheSameInstance() {
        List<Column> columns = List.of(column(0, "id", ColumnType.LONG, 0), varchar(1, "name"));
        byte[] rows = new EventBytes().u8(0).u32(1).u8(5).ascii("hello").toBytes();
        AtomicInteger decoded = new AtomicInteger();
        ColumnValueReader counting = (in, column) -> {
            decoded.incrementAndGet();
            return ColumnValueReaders.defaults().read(in, column);
        };
        RowImage image = insertedRows(decoder(RowDecoding.LAZY, counting, columns), 2, rows).get(0);
        Row row = new Row(new ColumnNames(List.of("id", "name")), image.rowValues());

        Object first = row.get("name");
        Object second = row.get("name");

        assertThat(first).isEqualTo("hello");
        assertThat(second).isSameAs(first);
        assertThat(image.get(1)).isSameAs(first);
        assertThat(decoded).hasValue(1);
    }

    @Test
    void threadsReadingOneColumnAtOnceAllGetTheSameInstance() throws InterruptedException {
        List<Column> columns = List.of(varchar(0, "name"));
        byte[] rows = new EventBytes().u8(0).u8(5).ascii("hello").toBytes();
        RowImage image = insertedRows(decoder(RowDecoding.LAZY, columns), 1, rows).get(0);
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(new IdentityKey(image.get(0)));
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(seen).hasSize(1);
        assertThat(((IdentityKey) seen.iterator().next()).value()).isEqualTo("hello");
    }

    /** Compares by identity, so a set of them counts distinct instances. */
    private record IdentityKey(Object value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityKey key && key.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    @Test
    void readingThreeOfFiftyColumnsDecodesThree() {
        List<Column> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        EventBytes row = new EventBytes().bytes(new byte[7]);
        for (int i = 0; i < 50; i++) {
            columns.add(i % 2 == 0 ? column(i, "c" + i, ColumnType.LONG, 0) : varchar(i, "c" + i));
            names.add("c" + i);
            if (i % 2 == 0) {
                row.u32(i);
            } else {
                row.u8(2).ascii("v" + (i % 10));
            }
        }
        AtomicInteger decoded = new AtomicInteger();
        ColumnValueReader counting = (in, column) -> {
            decoded.incrementAndGet();
            return ColumnValueReaders.defaults().read(in, column);
        };
        RowImage image = insertedRows(decoder(RowDecoding.LAZY, counting, columns), 50, row.toBytes()).get(0);
        Row lazy = new Row(new ColumnNames(names), image.rowValues());

        assertThat(lazy.get("c3")).isEqualTo("v3");
        assertThat(lazy.get("c48")).isEqualTo(48);
        assertThat(lazy.get("c49")).isEqualTo("v9");
        assertThat(decoded).hasValue(3);
    }

    @Test
    void aMinimalImageOfAWideTableIsDecodedWhenReadEvenWhenLazy() {
        // decoding on access keeps an offset per table column per image: for one column of fifty that costs more
        // than the value itself (the fuzzer's 4.5 KB of such images allocated 33 MB), so such rows are read eagerly
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            columns.add(column(i, "c" + i, ColumnType.LONG, 0));
        }
        AtomicInteger decoded = new AtomicInteger();
        ColumnValueReader counting = (in, column) -> {
            decoded.incrementAndGet();
            return ColumnValueReaders.defaults().read(in, column);
        };
        byte[] onlyFirst = new byte[7];
        onlyFirst[0] = 1;
        EventBytes body = new EventBytes().u48(TABLE_ID).u16(1).u16(2).u8(50).bytes(onlyFirst)
                .u8(0).u32(7).u8(0).u32(8);
        byte[] event = EventBytes.event(WRITE_ROWS_V2, 0, 200, body.toBytes(), false);

        List<RowImage> rows = ((WriteRowsEvent) decoder(RowDecoding.LAZY, counting, columns)
                .decode(event, 0, event.length)).rows();

        assertThat(decoded).as("decoded when the event was read").hasValue(2);
        assertThat(rows).extracting(r -> r.values()[0]).containsExactly(7, 8);
        assertThat(rows.get(0).isPresent(1)).isFalse();
    }

    @Test
    void primitiveAccessorsReadIntegersAndRefuseWhatDoesNotFit() {
        List<Column> columns = List.of(column(0, "tiny", ColumnType.TINY, 0),
                column(1, "medium", ColumnType.INT24, 0),
                column(2, "big", ColumnType.LONGLONG, 0),
                column(3, "huge", ColumnType.LONGLONG, 0).withUnsigned(true),
                column(4, "uint", ColumnType.LONG, 0).withUnsigned(true),
                varchar(5, "name"),
                column(6, "missing", ColumnType.LONG, 0));
        byte[] rows = new EventBytes().u8(0b0100_0000)
                .u8(0xff).bytes(new byte[] {0, 0, (byte) 0x80}).u64(5_000_000_000L).u64(-1L).u32(4_294_967_295L)
                .u8(2).ascii("ab").toBytes();
        RowImage image = insertedRows(decoder(RowDecoding.LAZY, columns), 7, rows).get(0);
        ColumnNames names = new ColumnNames(List.of("tiny", "medium", "big", "huge", "uint", "name", "missing"));

        for (Row row : List.of(new Row(names, image.rowValues()), new Row(names, image.values(), null))) {
            assertThat(row.getAsLong("tiny")).isEqualTo(-1L);
            assertThat(row.getAsInt("tiny")).isEqualTo(-1);
            assertThat(row.getAsInt("medium")).isEqualTo(-8388608);
            assertThat(row.getAsLong(2)).isEqualTo(5_000_000_000L);
            assertThat(row.getAsLong("uint")).isEqualTo(4_294_967_295L);
            assertThat(row.isNull("missing")).isTrue();
            assertThat(row.isNull("big")).isFalse();
            assertThatThrownBy(() -> row.getAsInt("big")).isInstanceOf(ColumnValueException.class)
                    .hasMessage("column big holds a value outside the int range; read it with getAsLong()");
            assertThatThrownBy(() -> row.getAsInt("uint")).isInstanceOf(ColumnValueException.class);
            assertThatThrownBy(() -> row.getAsLong("huge")).isInstanceOf(ColumnValueException.class)
                    .hasMessageContaining("column huge holds")
                    .hasMessageContaining("above 9223372036854775807");
            assertThatThrownBy(() -> row.getAsLong("name")).isInstanceOf(ColumnValueException.class)
                    .hasMessage("column name holds java.lang.String, not an integer");
            assertThatThrownBy(() -> row.getAsLong("missing")).isInstanceOf(ColumnValueException.class)
                    .hasMessage("column missing is NULL; ask isNull() before reading it as a primitive, or use"
                            + " getLong(), which gives null");
            assertThatThrownBy(() -> row.getAsLong("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no column 'nope'");
            assertThat(row.get("huge")).isEqualTo(new BigInteger("18446744073709551615"));
            assertThat(row.getLong("missing")).isNull();
        }
    }

    @Test
    void aCorruptValueFailsWhenReadNamingPositionTableAndColumn() {
        Column size = column(1, "size", ColumnType.STRING, (ColumnType.ENUM.code() << 8) | 1)
                .withEnumValues(List.of("small", "large"));
        List<Column> columns = List.of(column(0, "id", ColumnType.LONG, 0), size);
        byte[] rows = new EventBytes().u8(0).u32(1).u8(9).toBytes();   // ENUM index 9 of 2 values

        RowImage image = insertedRows(decoder(RowDecoding.LAZY, columns), 2, rows).get(0);
        Row row = new Row(new ColumnNames(List.of("id", "size")), image.rowValues());

        assertThat(row.getAsInt("id")).isEqualTo(1);
        assertThatThrownBy(() -> row.get("size"))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.corrupt()).isTrue())
                .hasMessage("test-server:3306 at 200: WRITE_ROWS_V2 on d.t column size (STRING, meta 63233) at byte"
                        + " 36 of the read buffer: column size: ENUM index 9 but only 2 values are defined (the table"
                        + " definition changed?)");

        byte[] event = rowsEvent(WRITE_ROWS_V2, 2, rows);
        EventDecoder eager = decoder(RowDecoding.EAGER, columns);
        assertThatThrownBy(() -> eager.decode(event, 0, event.length))
                .isInstanceOf(DecodeException.class)
                .hasMessage("test-server:3306 at 200: WRITE_ROWS_V2 on d.t column size (STRING, meta 63233) at byte"
                        + " 36 of the read buffer: column size: ENUM index 9 but only 2 values are defined (the table"
                        + " definition changed?)");
    }

    @Test
    void lengthsThatDoNotAddUpFailWhenTheEventIsRead() {
        List<Column> columns = List.of(column(0, "id", ColumnType.LONG, 0), varchar(1, "name"));
        byte[] rows = new EventBytes().u8(0).u32(1).u8(200).ascii("abc").toBytes();  // says 200 bytes, has 3
        byte[] event = rowsEvent(WRITE_ROWS_V2, 2, rows);

        EventDecoder lazy = decoder(RowDecoding.LAZY, columns);

        assertThatThrownBy(() -> lazy.decode(event, 0, event.length))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.corrupt()).isTrue())
                .hasMessageStartingWith("test-server:3306 at 200: WRITE_ROWS_V2 on d.t column name (VARCHAR");
    }

    @Test
    void anUpdateComparesImagesByTheirBytes() {
        List<Column> columns = List.of(column(0, "id", ColumnType.LONG, 0), varchar(1, "name"),
                column(2, "note", ColumnType.LONG, 0));
        byte[] rows = new EventBytes()
                .u8(0b100).u32(1).u8(3).ascii("old")      // before (1, 'old', NULL)
                .u8(0b000).u32(1).u8(3).ascii("new").u32(5)  // after (1, 'new', 5)
                .toBytes();
        byte[] event = rowsEvent(UPDATE_ROWS_V2, 3, rows);
        UpdateRowsEvent update = (UpdateRowsEvent) decoder(RowDecoding.LAZY, columns).decode(event, 0,
                event.length);

        var before = update.rows().get(0).before().rowValues();
        var after = update.rows().get(0).after().rowValues();

        assertThat(before.sameValue(0, after)).isTrue();
        assertThat(before.sameValue(1, after)).isFalse();
        assertThat(before.sameValue(2, after)).isFalse();
        assertThat(after.get(1)).isEqualTo("new");
        assertThat(before.isNull(2)).isTrue();
    }
}
