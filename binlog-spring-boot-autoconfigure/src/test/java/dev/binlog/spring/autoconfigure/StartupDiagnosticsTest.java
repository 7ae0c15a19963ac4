package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.actuate.BinlogHealthIndicator;
import dev.binlog.stream.BinlogClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What a user sees when the starter cannot do what it was asked: a JDBC position store without a DataSource, no
 * server to stream from, a listener the starter cannot serve; and what health says for a stopped or unstarted stream.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupDiagnosticsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
            .withPropertyValues("binlog.auto-startup=false");

    @Test
    void aJdbcPositionStoreWithoutADataSourceSaysWhatToAdd() {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.position-store.type=jdbc")
                .run(context -> {
                    assertThat(context).getFailure().rootCause().hasMessage("binlog.position-store.type=jdbc keeps "
                            + "positions in a table of the application's DataSource, but there is no DataSource: add "
                            + "spring-boot-starter-jdbc and a JDBC driver (e.g. org.mariadb.jdbc:mariadb-java-client) "
                            + "and set spring.datasource.url, or use binlog.position-store.type=file");
                    FailureAnalysis analysis = new BinlogFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).startsWith("binlog.position-store.type=jdbc keeps positions");
                    assertThat(analysis.getAction()).isEqualTo("Change the setting the description names.");
                });
    }

    @Test
    void aPositionTableNameTheStoreRefusesNamesTheProperty() throws Exception {
        DataSource dataSource = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:1/none"); // never connected to
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.position-store.type=jdbc",
                        "binlog.position-store.table=positions;DROP TABLE orders")
                .run(context -> {
                    FailureAnalysis analysis = new BinlogFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).isEqualTo("binlog.position-store.type=jdbc: the position "
                            + "table name 'positions;DROP TABLE orders' is not a plain table name: use letters, digits "
                            + "and _, optionally after a schema name and a dot (shop.binlog_position) (the table is "
                            + "binlog.position-store.table, the row name binlog.position-store.name, else "
                            + "spring.application.name)");
                    assertThat(analysis.getAction()).isEqualTo("Change the setting the description names.");
                });
    }

    @Test
    void withoutAServerTheStarterSaysOnceWhyItIsOff(CapturedOutput output) {
        runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://user:secret@db/app").run(context -> {
            assertThat(context).doesNotHaveBean(BinlogClient.class);
        });
        assertThat(output).contains("Binlog streaming is off: binlog.host is not set and spring.datasource.url "
                + "(jdbc:postgresql:…) is not a jdbc:mysql: or jdbc:mariadb: URL (a wrapped URL is not followed). Set binlog.host (with binlog.port, binlog.username and "
                + "binlog.password) to stream, or binlog.enabled=false to leave the starter off without this warning");
        assertThat(output).doesNotContain("secret");
    }

    @Test
    void withAServerThereIsNoOffNotice(CapturedOutput output) {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl")
                .run(context -> assertThat(context).hasSingleBean(BinlogClient.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(BinlogClient.class));
        assertThat(output.toString().split("Binlog streaming is off", -1)).as("one notice, for the second context")
                .hasSize(2);
        assertThat(output).contains("Binlog streaming is off: neither binlog.host nor spring.datasource.url is set");
    }

    static class NoParameters {
        @BinlogListener(table = "shop.orders")
        void on() {
        }
    }

    @Test
    void anUnusableListenerIsAFailureAnalysisNamingBeanAndMethod() {
        runner.withBean(NoParameters.class).run(context -> {
            FailureAnalysis analysis = new InvalidListenerFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).startsWith("@BinlogListener bean "
                    + "'startupDiagnosticsTest.NoParameters' method on takes no parameter")
                    .contains("ChangeType");
            assertThat(analysis.getAction()).startsWith("Change the @BinlogListener method");
        });
    }

    @Test
    void healthIsOutOfServiceAfterADeliberateStopAndDownWithTheErrorWhileTheStartFails() {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl").run(context -> {
            BinlogClient client = context.getBean(BinlogClient.class);
            client.close();
            assertThat(client.state()).isEqualTo(ClientState.STOPPED);
            var stopped = new BinlogHealthIndicator(client, Duration.ofSeconds(2), Clock.systemUTC()).health(true);
            assertThat(stopped.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(stopped.getDetails()).containsEntry("state", "STOPPED");

            var failing = new BinlogHealthIndicator(client, Duration.ofSeconds(2), Clock.systemUTC(),
                    () -> Optional.of(new IllegalStateException("cannot connect to db:3306"))).health(true);
            assertThat(failing.getStatus()).isEqualTo(Status.DOWN);
            assertThat(failing.getDetails()).containsEntry("error",
                    "IllegalStateException: cannot connect to db:3306");
        });
    }

    @Test
    void aPeerThatIsNotAServerIsHealthDownNamingTheLimitAndNeverThePasswordOrItsBytes(CapturedOutput output)
            throws Exception {
        String secret = "pw-secret-9";
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                // 16 MiB packets with the right sequence ids, for ever, full of what looks like secrets
                try (java.net.Socket socket = listener.accept(); java.io.OutputStream o = socket.getOutputStream()) {
                    byte[] chunk = (secret + "-ROW-VALUE;").repeat(5000).getBytes();
                    for (int seq = 0; ; seq++) {
                        o.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) seq});
                        for (int left = 0xFFFFFF; left > 0; left -= chunk.length) {
                            o.write(chunk, 0, Math.min(left, chunk.length));
                        }
                    }
                } catch (Exception e) {
                    // the client hung up
                }
            });
            peer.setDaemon(true);
            peer.start();
            runner.withPropertyValues("binlog.host=127.0.0.1", "binlog.port=" + listener.getLocalPort(),
                    "binlog.username=repl", "binlog.password=" + secret).run(context -> {
                        BinlogClient client = context.getBean(BinlogClient.class);
                        org.assertj.core.api.Assertions.assertThatThrownBy(client::start)
                                .isInstanceOf(dev.binlog.ProtocolException.class);
                        var health = new BinlogHealthIndicator(client, Duration.ofSeconds(2), Clock.systemUTC())
                                .health(true);
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(health.getDetails()).containsEntry("error", "ProtocolException: packet of at"
                                + " least 16777215 bytes from 127.0.0.1:" + listener.getLocalPort() + " while waiting"
                                + " for the server greeting exceeds the limit of 65536 bytes (64 KiB) on handshake"
                                + " and authentication packets, which is fixed; the peer is probably not a"
                                + " MySQL/MariaDB server, or it is misbehaving");
                        assertThat(health.getDetails().toString()).doesNotContain(secret).doesNotContain("ROW-VALUE");
                    });
        }
        assertThat(output).doesNotContain(secret).doesNotContain("ROW-VALUE");
    }
}
