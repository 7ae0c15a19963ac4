package dev.binlog.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ProtocolException;
import dev.binlog.ServerSettings;
import dev.binlog.TlsMode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a peer on the server's port cannot do to a login or a query: make the client buffer without limit, keep it
 * waiting for ever, or keep the authentication going for ever. Every error is a typed {@link ProtocolException} that
 * names the limit or the stage, and never the packet's content or the password.
 */
class FakeServerLimitsTest {

    private static final String PASSWORD = "pw-secret-9";
    /** What the hostile packets are filled with: none of it may reach a message. */
    private static final byte[] CONTENT = "ROW-VALUE-42;".getBytes(StandardCharsets.US_ASCII);

    private static ServerSettings.Builder settings(FakeServer server) {
        return ServerSettings.builder().host("127.0.0.1").port(server.port()).user("app").password(PASSWORD)
                .tlsMode(TlsMode.DISABLED).readTimeout(Duration.ofMillis(300));
    }

    /** Sends 16 MiB packets with the right sequence ids, starting at {@code sequence}, until the client hangs up. */
    private static void sendEndlessMaxPackets(FakeServer s, int sequence) throws Exception {
        OutputStream out = s.rawOutput();
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = CONTENT[i % CONTENT.length];
        }
        for (int seq = sequence; ; seq++) {
            out.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) seq});
            for (int left = PacketChannel.MAX_PACKET; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
        }
    }

    private static String endpoint(FakeServer server) {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void anEndlessGreetingStopsAtTheHandshakeLimitAtOnce() throws Exception {
        try (FakeServer server = new FakeServer(s -> sendEndlessMaxPackets(s, 0))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> ServerConnection.open(settings(server).readTimeout(Duration.ofSeconds(30))
                    .build()))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.retryable()).isFalse())
                    .hasMessage("packet of at least 16777215 bytes from " + endpoint(server) + " while waiting for"
                            + " the server greeting exceeds the limit of 65536 bytes (64 KiB) on handshake and"
                            + " authentication packets, which is fixed; the peer is probably not a MySQL/MariaDB"
                            + " server, or it is misbehaving")
                    .message().doesNotContain("ROW-VALUE").doesNotContain(PASSWORD);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anOversizedAuthenticationPacketIsRefusedNamingTheStage() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "caching_sha2_password");
            s.receiveHandshakeResponse();
            byte[] more = new byte[100_000];
            more[0] = 1; // AuthMoreData, far larger than any a server sends
            for (int i = 1; i < more.length; i++) {
                more[i] = CONTENT[i % CONTENT.length];
            }
            s.send(more);
        })) {
            assertThatThrownBy(() -> ServerConnection.open(settings(server).build()))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessage("packet of at least 100000 bytes from " + endpoint(server) + " while waiting for the"
                            + " server's answer to the login (authentication exchange) exceeds the limit of 65536"
                            + " bytes (64 KiB) on handshake and authentication packets, which is fixed; the peer is"
                            + " probably not a MySQL/MariaDB server, or it is misbehaving")
                    .message().doesNotContain("ROW-VALUE").doesNotContain(PASSWORD);
        }
    }

    @Test
    void anEndlessAuthSwitchLoopEndsAfterEightRounds() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "caching_sha2_password");
            s.receiveHandshakeResponse();
            while (true) {
                s.send(("\u00FEmysql_native_password\0ABCDEFGHIJKLMNOPQRST\0").getBytes(StandardCharsets.ISO_8859_1));
                s.receive();
            }
        })) {
            assertThatThrownBy(() -> ServerConnection.open(settings(server).build()))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.retryable()).isFalse())
                    .hasMessage("the server at " + endpoint(server) + " keeps the authentication going: 8 rounds of"
                            + " auth switch or more-data requests without an OK or an error, the most this client"
                            + " answers (a fixed limit); the peer is probably not a MySQL/MariaDB server, or it is"
                            + " misbehaving")
                    .message().doesNotContain(PASSWORD);
        }
    }

    @Test
    void aServerSilentAfterAcceptTimesOutWaitingForTheGreeting() throws Exception {
        try (FakeServer server = new FakeServer(s -> Thread.sleep(10_000))) {
            assertTimesOut(server, settings(server), "no data from " + endpoint(server) + " within the read timeout"
                    + " (300 ms) while waiting for the server greeting; the connection is considered dead");
        }
    }

    @Test
    void aServerSilentAfterTheLoginResponseTimesOutInTheAuthenticationExchange() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "caching_sha2_password");
            s.receiveHandshakeResponse();
            Thread.sleep(10_000);
        })) {
            assertTimesOut(server, settings(server), "no data from " + endpoint(server) + " within the read timeout"
                    + " (300 ms) while waiting for the server's answer to the login (authentication exchange); the"
                    + " connection is considered dead");
        }
    }

    @Test
    void aServerSilentAfterAnAuthSwitchTimesOutNamingIt() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "caching_sha2_password");
            s.receiveHandshakeResponse();
            s.send(("\u00FEmysql_native_password\0ABCDEFGHIJKLMNOPQRST\0").getBytes(StandardCharsets.ISO_8859_1));
            s.receive();
            Thread.sleep(10_000);
        })) {
            assertTimesOut(server, settings(server), "no data from " + endpoint(server) + " within the read timeout"
                    + " (300 ms) while waiting for the server's answer to the auth switch; the connection is"
                    + " considered dead");
        }
    }

    @Test
    void aServerSilentBeforeItsOkTimesOutNamingIt() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "caching_sha2_password");
            s.receiveHandshakeResponse();
            s.send(new byte[] {1, 3}); // fast authentication succeeded: the OK should follow
            Thread.sleep(10_000);
        })) {
            assertTimesOut(server, settings(server), "no data from " + endpoint(server) + " within the read timeout"
                    + " (300 ms) while waiting for the server's OK after the authentication data; the connection is"
                    + " considered dead");
        }
    }

    @Test
    void aServerSilentInTheTlsHandshakeTimesOutNamingIt() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES | Capabilities.SSL, "caching_sha2_password");
            s.receiveTlsRequest();
            Thread.sleep(10_000);
        })) {
            assertTimesOut(server, settings(server).tlsMode(TlsMode.REQUIRED), "no data from " + endpoint(server)
                    + " within the read timeout (300 ms) during the TLS handshake; the connection is considered"
                    + " dead");
        }
    }

    @Test
    void aServerDrippingItsGreetingIsCutOffByTheConnectTimeout() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            OutputStream out = s.rawOutput();
            out.write(new byte[] {(byte) 0xFF, 0, 0, 0});
            for (int i = 0; i < 100; i++) {
                out.write('x'); // one byte well within each read timeout, but the greeting never ends
                out.flush();
                Thread.sleep(100);
            }
        })) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> ServerConnection.open(settings(server).readTimeout(Duration.ofSeconds(5))
                    .connectTimeout(Duration.ofMillis(800)).build()))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessage("the login to " + endpoint(server) + " did not finish within the connect timeout"
                            + " (800 ms), which bounds the whole login: no data while waiting for the server"
                            + " greeting; the connection is considered dead");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aQueryRowLargerThanTheQueryLimitIsRefusedNamingTheQuery() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "mysql_native_password");
            s.receiveHandshakeResponse();
            s.sendOk();
            s.receiveCommand();
            s.send(new byte[] {1}); // one column
            s.send(columnDefinition("v"));
            s.send(new byte[] {(byte) 0xFE, 0, 0, 2, 0}); // EOF after columns
            sendEndlessMaxPackets(s, 4); // a row that never ends
        }); ServerConnection connection = ServerConnection.open(settings(server).build())) {
            assertThatThrownBy(() -> connection.query("SELECT @@global.gtid_executed"))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.retryable()).isFalse())
                    .hasMessage("packet of at least 83886075 bytes from " + endpoint(server) + " while reading the"
                            + " result of [SELECT @@global.gtid_executed] exceeds the limit of 67108864 bytes (64 MiB)"
                            + " on the rows of the client's own queries, which is fixed; the server is misbehaving, or"
                            + " it returned a value far larger than any this client asks for")
                    .message().doesNotContain("ROW-VALUE").doesNotContain(PASSWORD);
            assertThat(connection.channel().buffer().length).isLessThanOrEqualTo(PacketLimit.QUERY_BYTES);
        }
    }

    @Test
    void aSilentQueryTimesOutNamingTheQuery() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "mysql_native_password");
            s.receiveHandshakeResponse();
            s.sendOk();
            s.receiveCommand();
            Thread.sleep(10_000);
        }); ServerConnection connection = ServerConnection.open(settings(server).build())) {
            assertThatThrownBy(() -> connection.query("SHOW BINARY LOGS"))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessage("no data from " + endpoint(server) + " within the read timeout (300 ms) while"
                            + " reading the result of [SHOW BINARY LOGS]; the connection is considered dead");
        }
    }

    private static void assertTimesOut(FakeServer server, ServerSettings.Builder settings, String message) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> ServerConnection.open(settings.build()))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessage(message)
                .message().doesNotContain(PASSWORD);
        // the read timeout, give or take the machine's load: not the connect timeout's 10 s
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    private static byte[] columnDefinition(String name) {
        dev.binlog.io.ByteWriter w = new dev.binlog.io.ByteWriter();
        for (String s : new String[] {"def", "", "", "", name, ""}) {
            w.writeLengthEncodedString(s, StandardCharsets.UTF_8);
        }
        return w.writeUint8(0x0C).writeUint16(33).writeUint32(90).writeUint8(253).writeUint16(0).writeUint8(31)
                .writeUint16(0).toByteArray();
    }
}
