package dev.binlog.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.binlog.DecodeException;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.event.decode.RowDecoding;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Row images against a table map: a TABLE_MAP body (column types, metadata, NULL bitmap and the optional metadata of
 * {@code binlog_row_metadata=FULL}: names, signedness, charsets, ENUM/SET values, primary key, visibility) and a
 * WRITE/UPDATE/DELETE rows body (v0, v1, v2, PARTIAL_UPDATE_ROWS, MariaDB compressed) decoded with it, every value
 * read. The target builds both events' headers, so every mutation lands in a body.
 *
 * <p>Input: flags (bit 0: MariaDB, bit 1: decode rows on access), the rows event's type code, the table map body's
 * length (2 bytes, little-endian), the table map body, the rows body.
 */
class RowEventFuzzTest {

    /** As {@link EventDecoderFuzzTest#PER_BYTE} (one-byte row images). */
    static final int PER_BYTE = EventDecoderFuzzTest.PER_BYTE;

    static Stream<Arguments> seeds() {
        return FixtureSeeds.rows();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    @Timeout(30)
    void decodesRowsWithTheirTableMap(byte[] input) {
        if (input.length < 4) {
            return;
        }
        int flags = input[0];
        int rowsType = input[1] & 0xFF;
        int tableMapLength = Math.min((input[2] & 0xFF) | (input[3] & 0xFF) << 8, input.length - 4);
        FuzzContract.check("rows", input.length, PER_BYTE, false, budget -> {
            DecoderContext context = SyntheticEvents.context((flags & 1) != 0);
            context.rowDecoding((flags & 2) != 0 ? RowDecoding.LAZY : RowDecoding.EAGER);
            EventDecoder decoder = new EventDecoder(context);
            byte[] tableMap = SyntheticEvents.event(19, input, 4, tableMapLength);
            byte[] rows = SyntheticEvents.event(rowsType, input, 4 + tableMapLength,
                    input.length - 4 - tableMapLength);
            try {
                decoder.decode(tableMap, 0, tableMap.length, 4);
            } catch (DecodeException e) {
                return;
            }
            FuzzContract.consume(decoder.decode(rows, 0, rows.length, 4 + tableMap.length), budget);
        });
    }
}
