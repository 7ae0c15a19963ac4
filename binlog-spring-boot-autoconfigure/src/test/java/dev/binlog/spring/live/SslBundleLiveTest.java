package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.OnInsert;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.testsupport.MariaDbProcess;
import dev.binlog.testsupport.TestCertificates;
import dev.binlog.testsupport.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code binlog.ssl.bundle} against a MariaDB whose replication account requires a client certificate
 * ({@code REQUIRE X509}): a PEM bundle with the CA and the client certificate streams with host-name verification;
 * the same account without the bundle is refused.
 */
class SslBundleLiveTest {

    private static final String USER = "bundle_repl";
    private static final String PASSWORD = "bundle-secret";

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static MariaDbProcess server;

    record Item(int id) {
    }

    static class Items {
        final List<Integer> ids = new CopyOnWriteArrayList<>();

        @OnInsert("bundle.items")
        void on(Item item) {
            ids.add(item.id());
        }
    }

    @BeforeAll
    static void startServerRequiringClientCertificates() throws Exception {
        certificates = TestCertificates.create(dir.resolve("certs"), "binlog bundle CA");
        server = TestServers.startPrivateEmbedded("ssl-bundle", "--ssl-cert=" + certificates.serverCertPem(),
                "--ssl-key=" + certificates.serverKeyPem(), "--ssl-ca=" + certificates.caPem());
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE bundle");
            s.execute("CREATE TABLE bundle.items (id INT PRIMARY KEY)");
            s.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "' REQUIRE X509");
            s.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO '" + USER + "'@'%'");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private ApplicationContextRunner runner(Items items) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class, SslAutoConfiguration.class))
                .withBean(Items.class, () -> items)
                .withPropertyValues("binlog.host=localhost", "binlog.port=" + server.port(), "binlog.username=" + USER,
                        "binlog.password=" + PASSWORD, "binlog.fail-fast=true", "binlog.position-store.type=memory",
                        "binlog.connection.max-attempts=0");
    }

    @Test
    void pemBundleWithTheClientCertificateStreams() {
        Items items = new Items();
        runner(items).withPropertyValues("binlog.ssl.bundle=database", "binlog.ssl.mode=verify-identity",
                "spring.ssl.bundle.pem.database.truststore.certificate=file:" + certificates.caPem(),
                "spring.ssl.bundle.pem.database.keystore.certificate=file:" + certificates.clientCertPem(),
                "spring.ssl.bundle.pem.database.keystore.private-key=file:" + certificates.clientKeyPkcs1Pem())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    try (Connection c = server.adminConnection("bundle"); Statement s = c.createStatement()) {
                        s.execute("INSERT INTO items VALUES (1), (2)");
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (items.ids.size() < 2 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(items.ids).containsExactly(1, 2);
                });
    }

    @Test
    void withoutTheBundleTheAccountIsRefused() {
        runner(new Items()).withPropertyValues("binlog.ssl.mode=required").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("Access denied"));
    }
}
