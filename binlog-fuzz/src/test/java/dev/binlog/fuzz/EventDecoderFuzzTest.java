package dev.binlog.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.binlog.DecodeException;
import dev.binlog.event.ChecksumType;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.event.decode.RowDecoding;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole event decoder on a sequence of raw events as they lie in a binlog file after its magic bytes: every event
 * type's body, FORMAT_DESCRIPTION changing the post-header lengths and checksum mode of what follows, TABLE_MAP feeding
 * the row events after it, TRANSACTION_PAYLOAD's inner events. Each input is decoded twice, rows read eagerly and on
 * access.
 *
 * <p>So that mutated bodies get past the CRC32 check (which would otherwise reject nearly every mutation), the target
 * writes the right checksum into every event the decoder will verify before handing it over; an event whose length
 * field is out of range is passed as the rest of the input, to reach the header checks.
 */
class EventDecoderFuzzTest {

    /**
     * Bytes allocated per input byte, per pass (eager, then on access). The costliest legal input is a rows event of
     * one-byte images (a row whose included columns are all NULL): each costs a {@code RowImage}, its values and their
     * array, and a slot in two lists (the decoder's and the event's copy), measured at 76 to 115 bytes per byte.
     */
    static final int PER_BYTE = 128;

    static Stream<Arguments> seeds() {
        return FixtureSeeds.events();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    @Timeout(30)
    void decodesEventSequences(byte[] input) {
        FuzzContract.check("events", 2L * input.length, PER_BYTE, false, budget -> {
            decodeAll(input.clone(), RowDecoding.EAGER, budget);
            decodeAll(input.clone(), RowDecoding.LAZY, budget);
        });
    }

    private static void decodeAll(byte[] buffer, RowDecoding rows, FuzzContract.Budget budget) {
        DecoderContext context = new DecoderContext("fuzz.000001");
        context.rowDecoding(rows);
        EventDecoder decoder = new EventDecoder(context);
        int at = 0;
        while (buffer.length - at >= 19) {
            long declared = u32(buffer, at + 9);
            int length = declared < 19 || declared > buffer.length - at ? buffer.length - at : (int) declared;
            fixChecksum(buffer, at, length, context.checksumType());
            try {
                FuzzContract.consume(decoder.decode(buffer, at, length, at + 4L), budget);
            } catch (DecodeException e) {
                // like BinlogFileReader: the next event is read after a damaged one
            }
            at += length;
        }
    }

    /** Writes the CRC32 the decoder expects at the end of the event, when it will check one. */
    private static void fixChecksum(byte[] buffer, int at, int length, ChecksumType streamChecksum) {
        boolean fde = buffer[at + 4] == 15;
        // A FORMAT_DESCRIPTION announces CRC32 in the byte before its checksum (servers from 5.6.1 / MariaDB 5.3).
        boolean checked = fde ? length >= 19 + 57 + 5 && buffer[at + length - 5] == 1
                : streamChecksum == ChecksumType.CRC32;
        if (!checked || length < 19 + 4) {
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(buffer, at, 17);
        crc.update(fde ? buffer[at + 17] & ~1 : buffer[at + 17]);
        crc.update(buffer, at + 18, length - 4 - 18);
        long value = crc.getValue();
        int end = at + length - 4;
        buffer[end] = (byte) value;
        buffer[end + 1] = (byte) (value >>> 8);
        buffer[end + 2] = (byte) (value >>> 16);
        buffer[end + 3] = (byte) (value >>> 24);
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
