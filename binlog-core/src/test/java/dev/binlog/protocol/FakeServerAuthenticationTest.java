package dev.binlog.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.AuthenticationException;
import dev.binlog.ServerErrorException;
import dev.binlog.ServerFlavor;
import dev.binlog.ServerSettings;
import dev.binlog.TlsMode;
import dev.binlog.testsupport.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins against a scripted MySQL 8 server: caching_sha2_password, sha256_password, AuthSwitch, errors. */
class FakeServerAuthenticationTest {

    /** caching_sha2_password scramble of "secret" with seed "abcdefghijklmnopqrst" (computed with sha256sum). */
    private static final String SHA2_SCRAMBLE = "c76e2898612a4cf042c77fa8c4702c4c64c0c2c557c53c4d75595aaa6abae809";
    /** mysql_native_password scramble of "secret" with seed "ABCDEFGHIJKLMNOPQRST" (computed with sha1sum). */
    private static final String NATIVE_SCRAMBLE_SWITCHED = "28441590674285e7d03cae7af237504797f70e91";

    @TempDir
    Path dir;

    private static ServerSettings.Builder settings(FakeServer server) {
        return ServerSettings.builder().host("127.0.0.1").port(server.port()).user("app").password("secret")
                .tlsMode(TlsMode.DISABLED);
    }

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** What the server recovers from an RSA-encrypted password: OAEP-decrypt, then undo the XOR with the seed. */
    private static String decryptPassword(byte[] encrypted, KeyPair keys) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, keys.getPrivate());
        byte[] plain = cipher.doFinal(encrypted);
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= FakeServer.SEED[i % FakeServer.SEED.length];
        }
        return new String(plain, StandardCharsets.UTF_8);
    }

    @Test
    void cachingSha2FastPath() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "caching_sha2_password");
            FakeServer.HandshakeResponse response = s.receiveHandshakeResponse();
            assertThat(response.user()).isEqualTo("app");
            assertThat(response.plugin()).isEqualTo("caching_sha2_password");
            assertThat(HexFormat.of().formatHex(response.authResponse())).isEqualTo(SHA2_SCRAMBLE);
            assertThat(response.attributes()).contains("program_name").contains("binlog");
            s.send(new byte[] {1, 3}); // fast authentication success
            s.sendOk();
        }); ServerConnection connection = ServerConnection.open(settings(server).build())) {
            server.await();
            assertThat(connection.serverInfo()).isEqualTo(new ServerInfo(ServerFlavor.MYSQL, "8.0.36", 42,
                    "127.0.0.1:" + server.port(), false, "caching_sha2_password"));
        }
    }

    @Test
    void cachingSha2FullAuthenticationWithRequestedPublicKey() throws Exception {
        KeyPair keys = rsaKeys();
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "caching_sha2_password");
            s.receiveHandshakeResponse();
            s.send(new byte[] {1, 4}); // perform full authentication
            assertThat(s.receive()).containsExactly(2); // public key request
            byte[] key = pem(keys).getBytes(StandardCharsets.US_ASCII);
            byte[] more = new byte[key.length + 1];
            more[0] = 1;
            System.arraycopy(key, 0, more, 1, key.length);
            s.send(more);
            assertThat(decryptPassword(s.receive(), keys)).isEqualTo("secret\0");
            s.sendOk();
        }); ServerConnection connection = ServerConnection.open(
                settings(server).allowPublicKeyRetrieval(true).build())) {
            server.await();
            assertThat(connection.serverInfo().authPlugin()).isEqualTo("caching_sha2_password");
        }
    }

    @Test
    void cachingSha2FullAuthenticationWithoutTlsOrKeyIsRefusedClearly() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "caching_sha2_password");
            s.receiveHandshakeResponse();
            s.send(new byte[] {1, 4});
        })) {
            assertThatThrownBy(() -> ServerConnection.open(settings(server).build()))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage("the server at 127.0.0.1:" + server.port() + " needs the password RSA-encrypted"
                            + " (caching_sha2_password full authentication) but the connection has no TLS and no"
                            + " server public key is configured; use TLS, set serverRsaPublicKeyPem, or allow public"
                            + " key retrieval");
        }
    }

    @Test
    void cachingSha2FullAuthenticationOverTlsSendsThePassword() throws Exception {
        SSLContext tls = TestCertificates.selfSignedServerContext();
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.4.3", FakeServer.BASE_CAPABILITIES | Capabilities.SSL, "caching_sha2_password");
            s.acceptTls(tls);
            FakeServer.HandshakeResponse response = s.receiveHandshakeResponse();
            assertThat(response.capabilities() & Capabilities.SSL).isNotZero();
            s.send(new byte[] {1, 4});
            assertThat(new String(s.receive(), StandardCharsets.UTF_8)).isEqualTo("secret\0");
            s.sendOk();
        }); ServerConnection connection = ServerConnection.open(settings(server).tlsMode(TlsMode.REQUIRED).build())) {
            server.await();
            assertThat(connection.serverInfo().tls()).isTrue();
        }
    }

    @Test
    void sha256PasswordEncryptsWithTheConfiguredPublicKey() throws Exception {
        KeyPair keys = rsaKeys();
        Path pemFile = dir.resolve("server-public.pem");
        Files.writeString(pemFile, pem(keys));
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "sha256_password");
            FakeServer.HandshakeResponse response = s.receiveHandshakeResponse();
            assertThat(response.plugin()).isEqualTo("sha256_password");
            assertThat(decryptPassword(response.authResponse(), keys)).isEqualTo("secret\0");
            s.sendOk();
        }); ServerConnection connection = ServerConnection.open(
                settings(server).serverRsaPublicKeyFile(pemFile).build())) {
            server.await();
            assertThat(connection.serverInfo().authPlugin()).isEqualTo("sha256_password");
        }
    }

    @Test
    void authSwitchToNativePasswordAnswersTheNewSeed() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "caching_sha2_password");
            s.receiveHandshakeResponse();
            s.send(("\u00FEmysql_native_password\0ABCDEFGHIJKLMNOPQRST\0").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(HexFormat.of().formatHex(s.receive())).isEqualTo(NATIVE_SCRAMBLE_SWITCHED);
            s.sendOk();
        }); ServerConnection connection = ServerConnection.open(settings(server).build())) {
            server.await();
            assertThat(connection.serverInfo().authPlugin()).isEqualTo("mysql_native_password");
        }
    }

    @Test
    void authSwitchToUnknownPluginIsAnAuthenticationError() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "mysql_native_password");
            s.receiveHandshakeResponse();
            s.send(("\u00FEauth_gssapi_client\0xyz\0").getBytes(StandardCharsets.ISO_8859_1));
        })) {
            assertThatThrownBy(() -> ServerConnection.open(settings(server).build()))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageStartingWith("the server at 127.0.0.1:" + server.port() + " asks for authentication"
                            + " plugin 'auth_gssapi_client', which this client does not support");
        }
    }

    @Test
    void lockedAccountIsAnAuthenticationErrorWithTheFix() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("8.0.36", FakeServer.BASE_CAPABILITIES, "caching_sha2_password");
            s.receiveHandshakeResponse();
            s.sendError(3118, "HY000", "Access denied for user 'app'@'localhost'. Account is locked.");
        })) {
            assertThatThrownBy(() -> ServerConnection.open(settings(server).build()))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage("logging in to 127.0.0.1:" + server.port() + " as 'app' failed: server error 3118"
                            + " (HY000): Access denied for user 'app'@'localhost'. Account is locked.; the account"
                            + " is locked: ALTER USER ... ACCOUNT UNLOCK");
        }
    }

    @Test
    void resultSetWithEofPacketsAndQueryError() throws Exception {
        try (FakeServer server = new FakeServer(s -> {
            s.sendHandshake("5.7.44", FakeServer.BASE_CAPABILITIES, "mysql_native_password");
            s.receiveHandshakeResponse();
            s.sendOk();
            assertThat(new String(s.receiveCommand(), StandardCharsets.UTF_8)).isEqualTo("\u0003SELECT @@version");
            s.send(new byte[] {1}); // one column
            s.send(columnDefinition("@@version"));
            s.send(new byte[] {(byte) 0xFE, 0, 0, 2, 0}); // EOF after columns
            s.send(new byte[] {6, '5', '.', '7', '.', '4', '4'});
            s.send(new byte[] {(byte) 0xFB});
            s.send(new byte[] {(byte) 0xFE, 0, 0, 2, 0}); // EOF after rows
            s.receiveCommand();
            s.sendError(1064, "42000", "You have an error in your SQL syntax");
        }); ServerConnection connection = ServerConnection.open(settings(server).build())) {
            List<ResultRow> rows = connection.query("SELECT @@version");
            assertThat(rows).extracting(ResultRow::values).containsExactly(List.of("5.7.44"),
                    java.util.Arrays.asList((String) null));
            assertThatThrownBy(() -> connection.query("SELEC"))
                    .isInstanceOfSatisfying(ServerErrorException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(1064);
                        assertThat(e.sqlState()).isEqualTo("42000");
                    })
                    .hasMessage("query on 127.0.0.1:" + server.port() + " [SELEC]: server error 1064 (42000): You"
                            + " have an error in your SQL syntax");
            server.await();
        }
    }

    private static byte[] columnDefinition(String name) {
        dev.binlog.io.ByteWriter w = new dev.binlog.io.ByteWriter();
        for (String s : new String[] {"def", "", "", "", name, ""}) {
            w.writeLengthEncodedString(s, StandardCharsets.UTF_8);
        }
        w.writeUint8(0x0C).writeUint16(33).writeUint32(90).writeUint8(253).writeUint16(0).writeUint8(31)
                .writeUint16(0);
        return w.toByteArray();
    }
}
