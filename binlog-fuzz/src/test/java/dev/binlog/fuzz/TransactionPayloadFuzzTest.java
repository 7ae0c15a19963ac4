package dev.binlog.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.github.luben.zstd.Zstd;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.io.ByteWriter;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TRANSACTION_PAYLOAD (MySQL 8.0.20+ binlog_transaction_compression): the fuzzed bytes are the transaction's inner
 * events, uncompressed; the target compresses them with ZSTD and wraps them in a payload event, so mutations reach
 * the inner events instead of breaking the compressed stream. Inner events are decoded while iterated.
 *
 * <p>Input: a mode byte (bit 0: stored uncompressed, compression type NONE; bit 1: no uncompressed-size field; bit 2:
 * an uncompressed-size field that is off by the next byte's value), then the inner events.
 */
class TransactionPayloadFuzzTest {

    /** As {@link EventDecoderFuzzTest#PER_BYTE}, counted over the input and the payload's announced size. */
    static final int PER_BYTE = EventDecoderFuzzTest.PER_BYTE;

    static Stream<Arguments> seeds() {
        return FixtureSeeds.payloads();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    @Timeout(30)
    void decodesInnerEvents(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int mode = input[0];
        int skew = input[1];
        byte[] inner = Arrays.copyOfRange(input, 1, input.length);
        boolean stored = (mode & 1) != 0;
        byte[] payload = stored ? inner : Zstd.compress(inner);
        ByteWriter fields = new ByteWriter(32);
        field(fields, 1, payload.length);
        field(fields, 2, stored ? 255 : 0);
        if ((mode & 2) == 0) {
            field(fields, 3, (mode & 4) != 0 ? Math.max(0, inner.length + skew) : inner.length);
        }
        fields.writeUint8(0);
        byte[] body = FixtureSeeds.concat(Arrays.copyOf(fields.array(), fields.length()), payload);
        byte[] event = SyntheticEvents.event(40, body, 0, body.length);
        FuzzContract.check("payload", input.length + payload.length, PER_BYTE, false, budget -> {
            DecoderContext context = SyntheticEvents.context(false);
            EventDecoder decoder = new EventDecoder(context);
            FuzzContract.consume(decoder.decode(event, 0, event.length, 4), budget);
        });
    }

    /** A header field: type, length of the value, value, all length-encoded integers. */
    private static void field(ByteWriter out, int type, long value) {
        ByteWriter v = new ByteWriter(9);
        v.writeLengthEncodedInt(value);
        out.writeLengthEncodedInt(type).writeLengthEncodedInt(v.length()).writeBytes(Arrays.copyOf(v.array(),
                v.length()));
    }
}
