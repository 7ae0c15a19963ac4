package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.OnSchemaChange;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The position after a DDL statement is saved only once the {@code @OnSchemaChange} methods returned: one that fails
 * stops the stream before it, and the next start delivers the statement again, then the rows after it.
 */
class SchemaChangeFailureLiveTest {

    @TempDir
    Path dir;

    static class Listeners {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @OnSchemaChange(table = "${test.schema}.gadgets", id = "gadgetsDdl")
        void ddl(SchemaChange change) {
            if (failing) {
                throw new IllegalStateException("mapping service down");
            }
            events.add(change.statement());
        }

        @OnInsert("${test.schema}.gadgets")
        void row(RowChange change) {
            events.add("row " + change.row().get("id"));
        }
    }

    private ApplicationContextRunner runner(LiveServer live, Path positions) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.path=" + positions,
                        "binlog.error-handling.retries=1", "binlog.error-handling.backoff=10ms",
                        "test.schema=" + live.database());
    }

    @LiveTest
    void aFailedSchemaListenerStopsTheStreamAndTheNextStartDeliversTheStatementAgain(LiveServer live) {
        live.execute("DROP TABLE IF EXISTS gadgets", "CREATE TABLE gadgets (id INT PRIMARY KEY)");
        Path positions = dir.resolve(live.server().name().replaceAll("\\W", "_") + ".position");
        Listeners first = new Listeners();
        runner(live, positions).withBean(Listeners.class, () -> first).run(context -> {
            live.execute("INSERT INTO gadgets VALUES (1)");
            await(() -> first.events.contains("row 1"));
            first.failing = true;
            live.execute("ALTER TABLE gadgets ADD COLUMN label VARCHAR(20)", "INSERT INTO gadgets VALUES (2, 'b')");
            BinlogClient client = context.getBean(BinlogClient.class);
            await(() -> client.state() == ClientState.FAILED);
            assertThat(client.state()).isEqualTo(ClientState.FAILED);
            assertThat(client.lastError()).get().asString()
                    .contains("listener gadgetsDdl failed on the schema change 'ALTER TABLE gadgets ADD COLUMN label"
                            + " VARCHAR(20)' at ")
                    .contains("mapping service down");
        });
        assertThat(first.events).containsExactly("row 1");

        Listeners second = new Listeners();
        runner(live, positions).withBean(Listeners.class, () -> second)
                .run(context -> await(() -> second.events.contains("row 2")));
        assertThat(second.events).as("resumed at the failed statement").containsExactly(
                "ALTER TABLE gadgets ADD COLUMN label VARCHAR(20)", "row 2");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
