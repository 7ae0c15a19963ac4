package dev.binlog.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
        assertThat(reading(wire).readPacket()).isEqualTo(0xFFFFFF);
    }

    @Test
    void connectionClosedMidPacketIsRetryable() {
        PacketChannel channel = reading(HexFormat.of().parseHex("05000000414243"));

        assertThatThrownBy(channel::readPacket).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.retryable()).isTrue())
                .hasMessage("cannot read from the server test:3306: the server closed the connection");
    }
}
