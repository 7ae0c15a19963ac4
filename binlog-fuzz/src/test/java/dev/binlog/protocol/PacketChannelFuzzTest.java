package dev.binlog.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.binlog.DecodeException;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.fuzz.FixtureSeeds;
import dev.binlog.fuzz.FuzzContract;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packet layer on the bytes a server sends during a binlog dump: {@link PacketChannel} framing (3-byte length,
 * sequence id, 16 MiB - 1 split packets), then each payload as the replication stream reads it: an ERR packet parsed,
 * an OK byte followed by an event decoded. Anything may end in a {@link dev.binlog.ProtocolException} (the stream ends
 * in one: end of input) or a {@link DecodeException}. In this package to reach the channel's stream constructor.
 */
class PacketChannelFuzzTest {

    /**
     * Bytes allocated per input byte: the payload buffer may double past what arrived (2), an event decoded from it
     * costs what {@code EventDecoderFuzzTest} allows per pass (128).
     */
    static final int PER_BYTE = 128;

    static Stream<Arguments> seeds() {
        return Stream.concat(FixtureSeeds.packets(), Stream.of(
                Arguments.of(FixtureSeeds.packet(1, new byte[] {(byte) 0xFF, 0x29, 0x05, '#', 'H', 'Y', '0', '0', '0',
                        'g', 'o', 'n', 'e'})),
                Arguments.of(FixtureSeeds.packet(1, new byte[] {(byte) 0xFE, 0, 0, 2, 0}))));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    @Timeout(30)
    void readsPacketsOfADump(byte[] input) {
        FuzzContract.check("packets", input.length, PER_BYTE, true, budget -> {
            PacketChannel channel = new PacketChannel(new ByteArrayInputStream(input), OutputStream.nullOutputStream(),
                    "fuzz:3306");
            channel.sequence(1);
            EventDecoder decoder = new EventDecoder(new DecoderContext("fuzz:3306"));
            while (true) {
                int length = channel.readPacket();
                byte[] buffer = channel.buffer();
                int first = length == 0 ? -1 : buffer[0] & 0xFF;
                if (first == 0xFF) {
                    ErrorPacket.parse(buffer, length).toException("binlog dump from fuzz:3306");
                } else if (first == 0x00 && length > 1) {
                    try {
                        FuzzContract.consume(decoder.decode(buffer, 1, length - 1, -1, false), budget);
                    } catch (DecodeException e) {
                        // the stream goes on after an event that does not decode
                    }
                }
            }
        });
    }
}
