package dev.binlog.event.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ColumnType;
import dev.binlog.event.JsonDiff;
import dev.binlog.event.UpdateRowsEvent;
import dev.binlog.event.UpdatedRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialUpdateRowsDecoderTest {

    /** Test scaffolding: LONG as a 4-byte int, JSON as its raw bytes behind a 4-byte length. */
    private static final ColumnValueReader LONG_AND_JSON = (in, column) -> column.type() == ColumnType.LONG
            ? (Object) in.readInt32() : in.readBytes(in.readInt32());

    @Test
    void exposesJsonDiffAndAppliesItToTheBeforeValue() {
        DecoderContext context = new DecoderContext("test", LONG_AND_JSON,
                (before, diffs, column) -> "applied " + diffs.size() + " diff(s) to " + ((byte[]) before).length
                        + " bytes");
        EventDecoder decoder = new EventDecoder(context);
        byte[] tableMap = new EventBytes().u48(7).u16(1).u8(1).ascii("d").u8(0).u8(1).ascii("t").u8(0)
                .u8(2).u8(ColumnType.LONG.code()).u8(ColumnType.JSON.code()).u8(1).u8(4).u8(0).toBytes();
        byte[] map = EventBytes.event(19, 0, 100, tableMap, false);
        decoder.decode(map, 0, map.length);
        byte[] diff = new EventBytes().u8(0).u8(3).ascii("$.a").u8(2).u8(5).u8(9).toBytes();
        byte[] rows = new EventBytes()
                .u8(0).u32(1).u32(3).bytes(new byte[] {1, 2, 3})     // before: (1, 3-byte document)
                .u8(1).u8(0b1)                                         // value options: partial JSON; column 2 partial
                .u8(0).u32(1).u32(diff.length).bytes(diff)             // after: (1, diff)
                .toBytes();
        byte[] body = new EventBytes().u48(7).u16(1).u16(2).u8(2).u8(0b11).u8(0b11).bytes(rows).toBytes();
        byte[] event = EventBytes.event(39, 0, 200, body, false);

        UpdateRowsEvent update = (UpdateRowsEvent) decoder.decode(event, 0, event.length);

        assertThat(update.partial()).isTrue();
        UpdatedRow row = update.rows().get(0);
        assertThat(row.before().get(0)).isEqualTo(1);
        assertThat(row.after().get(0)).isEqualTo(1);
        assertThat(row.after().get(1)).isEqualTo("applied 1 diff(s) to 3 bytes");
        @SuppressWarnings("unchecked")
        List<JsonDiff> diffs = (List<JsonDiff>) row.jsonDiffs().get(1);
        assertThat(diffs).hasSize(1);
        assertThat(diffs.get(0).operation()).isEqualTo(JsonDiff.Operation.REPLACE);
        assertThat(diffs.get(0).path()).isEqualTo("$.a");
        assertThat(diffs.get(0).binaryValue()).containsExactly(5, 9);
    }
}
