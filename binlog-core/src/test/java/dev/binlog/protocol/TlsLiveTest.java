package dev.binlog.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.AuthenticationException;
import dev.binlog.ServerSettings;
import dev.binlog.TlsMode;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.MariaDbProcess;
import dev.binlog.testsupport.TestCertificates;
import dev.binlog.testsupport.TestServers;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.Statement;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS against a private MariaDB whose certificate is signed by a CA made in the test. */
class TlsLiveTest {

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static TestCertificates otherCa;
    static MariaDbProcess server;
    static final String X509_USER = "x509_user";

    @BeforeAll
    static void startServerWithCertificate() throws Exception {
        certificates = TestCertificates.create(dir.resolve("good"), "binlog test CA");
        otherCa = TestCertificates.create(dir.resolve("other"), "some other CA");
        server = TestServers.startPrivateEmbedded("tls", "--ssl-cert=" + certificates.serverCertPem(),
                "--ssl-key=" + certificates.serverKeyPem(), "--ssl-ca=" + certificates.caPem());
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + LiveServer.REPLICATION_USER + "'@'%' IDENTIFIED BY '"
                    + LiveServer.REPLICATION_PASSWORD + "'");
            s.execute("CREATE USER '" + X509_USER + "'@'%' IDENTIFIED BY '" + LiveServer.REPLICATION_PASSWORD
                    + "' REQUIRE X509");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private static ServerSettings.Builder settings(TlsMode mode) {
        return ServerSettings.builder().host("127.0.0.1").port(server.port()).user(LiveServer.REPLICATION_USER)
                .password(LiveServer.REPLICATION_PASSWORD).tlsMode(mode);
    }

    private static String status(ServerConnection connection, String variable) {
        return connection.query("SHOW SESSION STATUS LIKE '" + variable + "'").get(0).get(1);
    }

    @Test
    void verifyCaAcceptsServerCertificateSignedByTheConfiguredCa() {
        try (ServerConnection connection = ServerConnection.open(
                settings(TlsMode.VERIFY_CA).tlsCaFile(certificates.caPem()).build())) {
            assertThat(connection.serverInfo().tls()).isTrue();
            assertThat(status(connection, "Ssl_version")).isIn("TLSv1.3", "TLSv1.2");
            assertThat(status(connection, "Ssl_cipher")).isNotEmpty();
        }
    }

    @Test
    void verifyIdentityAcceptsCertificateNamingTheHost() {
        try (ServerConnection connection = ServerConnection.open(
                settings(TlsMode.VERIFY_IDENTITY).tlsCaFile(certificates.caPem()).build())) {
            assertThat(connection.queryString("SELECT 'over tls'")).isEqualTo("over tls");
        }
    }

    @Test
    void verifyCaRejectsServerCertificateFromAnotherCa() {
        assertThatThrownBy(() -> ServerConnection.open(settings(TlsMode.VERIFY_CA).tlsCaFile(otherCa.caPem()).build()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("TLS handshake with 127.0.0.1:" + server.port() + " failed under mode VERIFY_CA: ")
                .hasMessageEndingWith("; check that the configured CA signed the server certificate");
    }

    @Test
    void requiredEncryptsWithoutCheckingTheCertificate() {
        try (ServerConnection connection = ServerConnection.open(settings(TlsMode.REQUIRED).build())) {
            assertThat(connection.serverInfo().tls()).isTrue();
            assertThat(status(connection, "Ssl_cipher")).isNotEmpty();
        }
    }

    @Test
    void disabledStaysPlain() {
        try (ServerConnection connection = ServerConnection.open(settings(TlsMode.DISABLED).build())) {
            assertThat(connection.serverInfo().tls()).isFalse();
            assertThat(status(connection, "Ssl_cipher")).isEmpty();
        }
    }

    @Test
    void clientCertificateFromPemFilesLogsInAnAccountRequiringX509() {
        try (ServerConnection connection = ServerConnection.open(settings(TlsMode.VERIFY_IDENTITY).user(X509_USER)
                .tlsCaFile(certificates.caPem())
                .tlsClientCertificate(certificates.clientCertPem(), certificates.clientKeyPkcs1Pem()).build())) {
            assertThat(connection.queryString("SELECT CURRENT_USER()")).startsWith(X509_USER + "@");
        }
    }

    @Test
    void accountRequiringX509IsRefusedWithoutAClientCertificate() {
        assertThatThrownBy(() -> ServerConnection.open(settings(TlsMode.VERIFY_CA).user(X509_USER)
                .tlsCaFile(certificates.caPem()).build()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void suppliedSslContextIsUsedForTrustAndClientCertificate() throws Exception {
        KeyStore keys = PemClientKeys.keyStore(certificates.clientCertPem(), certificates.clientKeyPkcs8Pem(),
                new char[0]);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (var in = java.nio.file.Files.newInputStream(certificates.caPem())) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);

        try (ServerConnection connection = ServerConnection.open(settings(TlsMode.VERIFY_IDENTITY).user(X509_USER)
                .tlsContext(context).build())) {
            assertThat(connection.queryString("SELECT CURRENT_USER()")).startsWith(X509_USER + "@");
        }
        SSLContext trustsNothingElse = SSLContext.getInstance("TLS");
        TrustManagerFactory otherTrust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore other = KeyStore.getInstance("PKCS12");
        other.load(null, null);
        try (var in = java.nio.file.Files.newInputStream(otherCa.caPem())) {
            other.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        otherTrust.init(other);
        trustsNothingElse.init(keyManagers.getKeyManagers(), otherTrust.getTrustManagers(), null);
        assertThatThrownBy(() -> ServerConnection.open(settings(TlsMode.VERIFY_CA).user(X509_USER)
                .tlsCaFile(certificates.caPem()).tlsContext(trustsNothingElse).build()))
                .as("the supplied context wins over the CA file").isInstanceOf(AuthenticationException.class);
    }
}
