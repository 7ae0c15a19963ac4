package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ClientState;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.actuate.BinlogHealthIndicator;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.autoconfigure.BinlogHealthAutoConfiguration;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An application whose database is not up yet: with {@code binlog.fail-fast=false} (the default) it starts at once
 * with health DOWN naming the error, and streams as soon as the server accepts connections; with
 * {@code binlog.fail-fast=true} its start fails with Spring Boot's failure description, not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class BackgroundStartLiveTest {

    record Item(int id, String name) {
    }

    static class ItemListener {
        final List<Integer> ids = new CopyOnWriteArrayList<>();

        @OnInsert(table = "${test.schema}.items", id = "items")
        void on(Item item) {
            ids.add(item.id());
        }
    }

    @LiveTest
    void withoutFailFastTheApplicationStartsAtOnceIsDownAndStreamsOnceTheServerIsUp(LiveServer live)
            throws Exception {
        live.execute("DROP TABLE IF EXISTS items", "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
        ItemListener listener = new ItemListener();
        try (PortForwarder notYetUp = new PortForwarder(live.host(), live.port())) {
            long begin = System.nanoTime();
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class,
                            BinlogHealthAutoConfiguration.class))
                    .withBean(ItemListener.class, () -> listener)
                    .withPropertyValues("binlog.host=127.0.0.1", "binlog.port=" + notYetUp.port(),
                            "binlog.username=" + LiveServer.REPLICATION_USER,
                            "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                            "binlog.position-store.type=memory", "binlog.connection.initial-backoff=200ms",
                            "binlog.connection.max-backoff=500ms", "test.schema=" + live.database())
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("started within")
                                .isLessThan(Duration.ofSeconds(5));
                        BinlogClient client = context.getBean(BinlogClient.class);
                        BinlogHealthIndicator indicator = context.getBean(BinlogHealthIndicator.class);
                        await(() -> indicator.health(true).getStatus().equals(Status.DOWN));
                        Health down = indicator.health(true);
                        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(down.getDetails().get("error").toString()).contains("127.0.0.1:" + notYetUp.port());

                        notYetUp.open();
                        await(() -> client.state() == ClientState.STREAMING);
                        assertThat(client.state()).isEqualTo(ClientState.STREAMING);
                        assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
                        live.execute("INSERT INTO items VALUES (1, 'cup'), (2, 'pot')");
                        await(() -> listener.ids.size() == 2);
                    });
        }
        assertThat(listener.ids).containsExactly(1, 2);
    }

    @LiveTest
    void withoutFailFastAWrongPasswordStartsTheApplicationWithHealthDownNamingTheError(LiveServer live) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class,
                        BinlogHealthAutoConfiguration.class))
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER, "binlog.password=wrong",
                        "binlog.ssl.mode=disabled", "binlog.position-store.type=memory")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    BinlogHealthIndicator indicator = context.getBean(BinlogHealthIndicator.class);
                    await(() -> indicator.health(true).getStatus().equals(Status.DOWN));
                    assertThat(indicator.health(true).getDetails().get("error").toString())
                            .startsWith("AuthenticationException").contains("Access denied");
                });
    }

    /** An application class that component scanning of the other live tests does not pick up. */
    @ImportAutoConfiguration(BinlogAutoConfiguration.class)
    static class FailFastApplication {
    }

    @LiveTest
    void withFailFastTheStartFailsWithAFailureDescription(LiveServer live, CapturedOutput output) throws Exception {
        try (PortForwarder notYetUp = new PortForwarder(live.host(), live.port())) {
            long begin = System.nanoTime();
            assertThatThrownBy(() -> new SpringApplicationBuilder(FailFastApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties("spring.main.banner-mode=off", "binlog.fail-fast=true", "binlog.host=127.0.0.1",
                            "binlog.port=" + notYetUp.port(), "binlog.username=" + LiveServer.REPLICATION_USER,
                            "binlog.ssl.mode=disabled", "binlog.position-store.type=memory")
                    .run().close()).hasStackTraceContaining("could not start");
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("Description:\n\nbinlog.fail-fast=true and the binlog stream from 127.0.0.1:"
                            + notYetUp.port() + " could not start: ")
                    .contains("Action:\n\nCheck binlog.host and binlog.port and that the server is running and "
                            + "reachable. Or set binlog.fail-fast=false: the application then starts with health "
                            + "DOWN and connects when it can.");
        }
    }

    @LiveTest
    void withFailFastAWrongPasswordFailsTheStartSayingWhatToCheck(LiveServer live, CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FailFastApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "binlog.fail-fast=true", "binlog.host=" + live.host(),
                        "binlog.port=" + live.port(), "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=wrong", "binlog.ssl.mode=disabled", "binlog.position-store.type=memory")
                .run().close()).hasStackTraceContaining("Access denied");
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Description:\n\nbinlog.fail-fast=true and the binlog stream from " + live.host() + ":"
                        + live.port() + " could not start: ")
                .contains("Action:\n\nCheck binlog.username and binlog.password, and that the user has REPLICATION "
                        + "SLAVE, REPLICATION CLIENT and SELECT.")
                .doesNotContain("password=wrong");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
