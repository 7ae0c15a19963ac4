package dev.binlog.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PacketChannelTest {

    private static PacketChannel reading(byte[] wire) {
        return new PacketChannel(new ByteArrayInputStream(wire), new ByteArrayOutputStream(), "test:3306");
    }

    @Test
    void writesLengthAndSequenceBeforeThePayload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketChannel channel = new PacketChannel(new ByteArrayInputStream(new byte[0]), out, "test:3306");

        channel.writePacket(new byte[] {3, 'S', 'E', 'L'});
        channel.writePacket(new byte[] {1});

        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo("040000000353454c" + "01000001" + "01");
    }

    @Test
    void readsPacketsAndChecksTheSequence() {
        PacketChannel channel = reading(HexFormat.of().parseHex("0200000041420100000143"));

        assertThat(channel.readPacket()).isEqualTo(2);
        assertThat(new String(channel.buffer(), 0, 2)).isEqualTo("AB");
        assertThat(channel.readPacket()).isEqualTo(1);
        assertThat(channel.buffer()[0]).isEqualTo((byte) 'C');
    }

    @Test
    void lengthFieldAloneAllocatesNothingBeforeTheBytesArrive() {
        // a 16 MiB - 1 packet announced, 3 bytes sent (found by binlog-fuzz: the buffer grew to the claim first)
        PacketChannel channel = reading(HexFormat.of().parseHex("ffffff00414243"));
        channel.limit(PacketLimit.binlogEvent(1L << 30, () -> "")); // a limit the claim is within

        assertThatThrownBy(channel::readPacket).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("the server closed the connection");
        assertThat(channel.buffer().length).isEqualTo(16 * 1024);
    }

    @Test
    void errPacketTooShortForItsCodeIsAProtocolError() {
        assertThatThrownBy(() -> ErrorPacket.parse(new byte[] {(byte) 0xFF, 0x29}, 2))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("ERR packet of 2 bytes, too short for its error code and SQL state");
    }

    @Test
    void outOfOrderSequenceIsAProtocolError() {
        PacketChannel channel = reading(HexFormat.of().parseHex("0100000541"));

        assertThatThrownBy(channel::readPacket).isInstanceOf(ProtocolException.class)
                .hasMessage("packet out of order from test:3306: expected sequence id 0 but got 5;"
                        + " the connection is out of step and will be closed");
    }

    @Test
    void payloadOfSixteenMebibytesIsSplitAndReassembled() {
        int size = 0xFFFFFF + 10;
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 31);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PacketChannel(new ByteArrayInputStream(new byte[0]), out, "test:3306").writePacket(payload);
        byte[] wire = out.toByteArray();

        // first packet: full 0xFFFFFF bytes with sequence 0, second: the remaining 10 with sequence 1
        assertThat(HexFormat.of().formatHex(wire, 0, 4)).isEqualTo("ffffff00");
        assertThat(HexFormat.of().formatHex(wire, 4 + 0xFFFFFF, 8 + 0xFFFFFF)).isEqualTo("0a000001");
        assertThat(wire).hasSize(size + 8);

        PacketChannel reader = reading(wire);
        reader.limit(PacketLimit.binlogEvent(32 << 20, () -> ""));
        assertThat(reader.readPacket()).isEqualTo(size);
        assertThat(Arrays.equals(reader.buffer(), 0, size, payload, 0, size)).isTrue();
    }

    @Test
    void payloadOfExactlyMaxPacketSizeEndsWithAnEmptyPacket() {
        byte[] payload = new byte[0xFFFFFF];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PacketChannel(new ByteArrayInputStream(new byte[0]), out, "test:3306").writePacket(payload);
        byte[] wire = out.toByteArray();

        assertThat(wire).hasSize(0xFFFFFF + 8);
        assertThat(HexFormat.of().formatHex(wire, wire.length - 4, wire.length)).isEqualTo("00000001");
        PacketChannel reader = reading(wire);
        reader.limit(PacketLimit.binlogEvent(32 << 20, () -> ""));
        assertThat(reader.readPacket()).isEqualTo(0xFFFFFF);
    }

    @Test
    void connectionClosedMidPacketIsRetryable() {
        PacketChannel channel = reading(HexFormat.of().parseHex("05000000414243"));

        assertThatThrownBy(channel::readPacket).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.retryable()).isTrue())
                .hasMessage("cannot read from the server test:3306: the server closed the connection");
    }

    /** 16 MiB packets with the right sequence ids, for ever: a peer that would make a naive client buffer until OOM. */
    private static InputStream endlessMaxPackets(byte[] filler) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                long inPacket = position % (4 + PacketChannel.MAX_PACKET);
                int b = inPacket < 3 ? 0xFF : inPacket == 3 ? (int) (position / (4 + PacketChannel.MAX_PACKET)) & 0xFF
                        : filler[(int) (inPacket % filler.length)] & 0xFF;
                position++;
                return b;
            }
        };
    }

    @Test
    void anEndlessChainOfMaxPacketsStopsAtTheHandshakeLimitBeforeAnyOfItIsBuffered() {
        byte[] content = "ROW-VALUE-secret".getBytes(StandardCharsets.US_ASCII);
        PacketChannel channel = new PacketChannel(endlessMaxPackets(content), new ByteArrayOutputStream(), "test:3306");
        channel.stage(() -> " while waiting for the server greeting");

        assertThatThrownBy(channel::readPacket).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.retryable()).isFalse())
                .hasMessage("packet of at least 16777215 bytes from test:3306 while waiting for the server greeting"
                        + " exceeds the limit of 65536 bytes (64 KiB) on handshake and authentication packets, which"
                        + " is fixed; the peer is probably not a MySQL/MariaDB server, or it is misbehaving")
                .message().doesNotContain("ROW-VALUE").doesNotContain("secret");
        assertThat(channel.buffer().length).isLessThanOrEqualTo(PacketLimit.HANDSHAKE_BYTES);
    }

    @Test
    void aSplitEventLargerThanTheMaximumIsRefusedAtTheHeaderThatCrossesIt() {
        PacketChannel channel = new PacketChannel(endlessMaxPackets(new byte[] {0}), new ByteArrayOutputStream(),
                "test:3306");
        channel.limit(PacketLimit.binlogEvent(20 << 20, () -> " at or after mysql-bin.000001:4"));

        assertThatThrownBy(channel::readPacket).isInstanceOf(ProtocolException.class)
                .hasMessage("binlog event of at least 33554429 bytes from test:3306 at or after mysql-bin.000001:4"
                        + " exceeds the maximum event size of 20971520 bytes (20 MiB); if the server really writes"
                        + " events this large, raise maxEventSize (BinlogClient.Builder.maxEventSize, Spring Boot"
                        + " property binlog.connection.max-event-size, binlog-cli option --max-event-size)");
        // the first 16 MiB packet was read; the second header crossed the limit before the buffer grew for it
        assertThat(channel.buffer().length).isEqualTo(PacketChannel.MAX_PACKET);
    }

    @Test
    void theBufferGrowsToTheLimitButNotByDoublingPastIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PacketChannel(new ByteArrayInputStream(new byte[0]), out, "test:3306").writePacket(new byte[100_001]);
        PacketChannel reader = reading(out.toByteArray());
        reader.limit(PacketLimit.binlogEvent(100_000, () -> ""));

        assertThat(reader.readPacket()).isEqualTo(100_001);
        assertThat(reader.buffer().length).isEqualTo(100_001);
    }

    @Test
    void aPacketOfExactlyTheLimitIsAccepted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PacketChannel(new ByteArrayInputStream(new byte[0]), out, "test:3306")
                .writePacket(new byte[PacketLimit.HANDSHAKE_BYTES]);

        assertThat(reading(out.toByteArray()).readPacket()).isEqualTo(PacketLimit.HANDSHAKE_BYTES);
        assertThatThrownBy(() -> {
            ByteArrayOutputStream more = new ByteArrayOutputStream();
            new PacketChannel(new ByteArrayInputStream(new byte[0]), more, "test:3306")
                    .writePacket(new byte[PacketLimit.HANDSHAKE_BYTES + 1]);
            reading(more.toByteArray()).readPacket();
        }).isInstanceOf(ProtocolException.class).hasMessageStartingWith("packet of at least 65537 bytes from"
                + " test:3306 exceeds the limit of 65536 bytes (64 KiB)");
    }
}
