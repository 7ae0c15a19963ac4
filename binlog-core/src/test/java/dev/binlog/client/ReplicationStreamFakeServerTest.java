package dev.binlog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.GtidSet;
import dev.binlog.ProtocolException;
import dev.binlog.ServerSettings;
import dev.binlog.StartPosition;
import dev.binlog.TlsMode;
import dev.binlog.io.ByteWriter;
import dev.binlog.protocol.PacketChannel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The MySQL-only commands (no MySQL server in our live matrix): the session set-up and COM_BINLOG_DUMP_GTID. */
class ReplicationStreamFakeServerTest {

    private static final String UUID_A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    @Test
    void mysqlGtidDumpSendsTheEncodedSetAfterTheSessionSetUp() throws Exception {
        List<String> queries = new ArrayList<>();
        CompletableFuture<byte[]> dump = new CompletableFuture<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    PacketChannel channel = new PacketChannel(socket, "client");
                    channel.writePacket(handshake());
                    channel.readPacket();
                    channel.writePacket(new byte[] {0, 0, 0, 2, 0, 0, 0});
                    while (true) {
                        channel.resetSequence();
                        int length = channel.readPacket();
                        byte[] packet = Arrays.copyOf(channel.buffer(), length);
                        if (packet[0] == 0x1E) {
                            dump.complete(packet);
                            channel.writePacket(new byte[] {(byte) 0xFE, 0, 0, 2, 0}); // end of non-blocking dump
                            return;
                        }
                        String sql = new String(packet, 1, length - 1, StandardCharsets.UTF_8);
                        queries.add(sql);
                        if (sql.startsWith("SELECT")) {
                            channel.writePacket(new byte[] {1});
                            channel.writePacket(columnDefinition());
                            channel.writePacket(new byte[] {5, 'C', 'R', 'C', '3', '2'});
                            channel.writePacket(new byte[] {(byte) 0xFE, 0, 0, 2, 0, 0, 0});
                        } else {
                            channel.writePacket(new byte[] {0, 0, 0, 2, 0, 0, 0});
                        }
                    }
                } catch (Exception e) {
                    dump.completeExceptionally(e);
                }
            });
            server.setDaemon(true);
            server.start();
            ServerSettings connection = ServerSettings.builder().host("127.0.0.1").port(listener.getLocalPort())
                    .user("repl").password("").tlsMode(TlsMode.DISABLED).build();
            ReplicationSettings settings = ReplicationSettings.builder().serverId(0x01020304L)
                    .heartbeatPeriod(java.time.Duration.ofSeconds(2)).build();
            UUID replicaUuid = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
            try (ReplicationStream stream = ReplicationStream.open(connection, settings,
                    StartPosition.gtid(GtidSet.parse(UUID_A + ":1-5")), true, replicaUuid)) {
                assertThat(stream.next()).isFalse();
                assertThat(stream.checksumOn()).isTrue();
            }
            assertThat(queries).containsExactly(
                    "SET @master_binlog_checksum = @@global.binlog_checksum,"
                            + " @source_binlog_checksum = @@global.binlog_checksum",
                    "SELECT @@global.binlog_checksum",
                    "SET SESSION net_read_timeout = 60, net_write_timeout = 60",
                    "SET @master_heartbeat_period = 2000000000, @source_heartbeat_period = 2000000000",
                    "SET @slave_uuid = '00000000-0000-0000-0000-0000000000aa',"
                            + " @replica_uuid = '00000000-0000-0000-0000-0000000000aa'");
            assertThat(HexFormat.of().formatHex(dump.get(10, TimeUnit.SECONDS))).isEqualTo(
                    "1e" // COM_BINLOG_DUMP_GTID
                            + "0500" // flags: non-blocking | through GTID
                            + "04030201" // server id
                            + "00000000" // file name length 0
                            + "0400000000000000" // position 4
                            + "30000000" // 48 bytes of GTID set
                            + "0100000000000000" + "3e11fa4771ca11e19e33c80aa9429562"
                            + "0100000000000000" + "0100000000000000" + "0600000000000000");
        }
    }

    @Test
    void anEventLargerThanTheMaximumEventSizeStopsTheStreamNamingItsPositionAndTheSetting() throws Exception {
        byte[] content = "ROW-VALUE-42;".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    PacketChannel channel = new PacketChannel(socket, "client");
                    channel.writePacket(handshake());
                    channel.readPacket();
                    channel.writePacket(new byte[] {0, 0, 0, 2, 0, 0, 0});
                    while (true) {
                        channel.resetSequence();
                        int length = channel.readPacket();
                        byte first = channel.buffer()[0];
                        if (first == 0x12) { // COM_BINLOG_DUMP: one event of 2 MiB after the OK byte
                            byte[] event = new byte[1 + (2 << 20)];
                            for (int i = 1; i < event.length; i++) {
                                event[i] = content[i % content.length];
                            }
                            channel.writePacket(event);
                            Thread.sleep(10_000);
                            return;
                        }
                        if (new String(channel.buffer(), 1, length - 1, StandardCharsets.UTF_8).startsWith("SELECT")) {
                            channel.writePacket(new byte[] {1});
                            channel.writePacket(columnDefinition());
                            channel.writePacket(new byte[] {5, 'C', 'R', 'C', '3', '2'});
                            channel.writePacket(new byte[] {(byte) 0xFE, 0, 0, 2, 0, 0, 0});
                        } else {
                            channel.writePacket(new byte[] {0, 0, 0, 2, 0, 0, 0});
                        }
                    }
                } catch (Exception e) {
                    // the client hung up
                }
            });
            server.setDaemon(true);
            server.start();
            ServerSettings connection = ServerSettings.builder().host("127.0.0.1").port(listener.getLocalPort())
                    .user("repl").password("pw-secret-9").tlsMode(TlsMode.DISABLED).build();
            ReplicationSettings settings = ReplicationSettings.builder().maxEventSize(1 << 20).build();
            try (ReplicationStream stream = ReplicationStream.open(connection, settings,
                    StartPosition.at("mysql-bin.000001", 4), false, UUID.randomUUID(),
                    () -> new dev.binlog.BinlogPosition("mysql-bin.000001", 1234), opened -> { })) {
                assertThatThrownBy(stream::next)
                        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.retryable()).isFalse())
                        .hasMessage("binlog event of at least 2097152 bytes from 127.0.0.1:" + listener.getLocalPort()
                                + " at or after mysql-bin.000001:1234 exceeds the maximum event size of 1048576 bytes"
                                + " (1 MiB); if the server really writes events this large, raise maxEventSize"
                                + " (BinlogClient.Builder.maxEventSize, Spring Boot property"
                                + " binlog.connection.max-event-size, binlog-cli option --max-event-size)")
                        .message().doesNotContain("ROW-VALUE").doesNotContain("pw-secret-9");
                assertThat(stream.buffer().length).isLessThanOrEqualTo((1 << 20) + 1);
            }
        }
    }

    private static byte[] handshake() {
        byte[] seed = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
        int capabilities = 1 | 0x200 | 0x8000 | 0x80000 | 0x200000 | 0x01000000;
        return new ByteWriter().writeUint8(10).writeNullTerminatedString("8.0.36", StandardCharsets.UTF_8)
                .writeUint32(7).writeBytes(seed, 0, 8).writeUint8(0).writeUint16(capabilities & 0xFFFF)
                .writeUint8(255).writeUint16(2).writeUint16(capabilities >>> 16).writeUint8(21).writeZeros(10)
                .writeBytes(seed, 8, 12).writeUint8(0)
                .writeNullTerminatedString("mysql_native_password", StandardCharsets.UTF_8).toByteArray();
    }

    private static byte[] columnDefinition() {
        ByteWriter w = new ByteWriter();
        for (String s : new String[] {"def", "", "", "", "@@global.binlog_checksum", ""}) {
            w.writeLengthEncodedString(s, StandardCharsets.UTF_8);
        }
        return w.writeUint8(0x0C).writeUint16(33).writeUint32(90).writeUint8(253).writeUint16(0).writeUint8(31)
                .writeUint16(0).toByteArray();
    }
}
