package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.listener.ListenerDispatcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.binlog.spring.actuate.BinlogEndpoint;
import dev.binlog.spring.actuate.BinlogEndpointArrays;
import dev.binlog.spring.actuate.BinlogMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class BinlogActuatorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class,
                    BinlogActuatorAutoConfiguration.class))
            .withPropertyValues("binlog.auto-startup=false", "binlog.host=db", "binlog.username=repl",
                    "binlog.password=hunter2", "management.endpoints.web.exposure.include=binlog");

    @Test
    void endpointReportsStateAndNeverThePassword() {
        runner.run(context -> {
            BinlogEndpoint endpoint = context.getBean(BinlogEndpoint.class);
            var status = endpoint.status();
            assertThat(status).containsEntry("state", "NEW").containsEntry("server", "db:3306");
            assertThat(status.toString()).doesNotContain("hunter2");
            assertThat(endpoint.control("pause", null, null, null, null).getBody()).containsEntry("state", "PAUSED");
            var running = endpoint.control("position", "mysql-bin.000001", 4L, null, null);
            assertThat(running.getStatus()).isEqualTo(400);
            assertThat(running.getBody().get("error").toString())
                    .contains("only be changed while the client is stopped").contains("POST {\"action\": \"stop\"}");
            var missing = endpoint.control("position", "mysql-bin.000001", null, null, null);
            assertThat(missing.getStatus()).isEqualTo(400);
            assertThat(missing.getBody()).containsEntry("error", "action 'position' needs file and position, or gtidSet");
            var unknown = endpoint.control("explode", null, null, null, null);
            assertThat(unknown.getStatus()).isEqualTo(400);
            assertThat(unknown.getBody()).containsEntry("error",
                    "unknown action 'explode': use pause, resume, stop, start, restart, position, snapshot, "
                            + "snapshot-pause, snapshot-resume, snapshot-cancel, replay or yield");
        });
    }

    @Test
    void snapshotActionsAreRefusedWithTheReasonWhenTheyCannotBeCarriedOut() {
        runner.run(context -> {
            BinlogEndpoint endpoint = context.getBean(BinlogEndpoint.class);
            var noTables = endpoint.control("snapshot", null, null, null, null);
            assertThat(noTables.getStatus()).isEqualTo(400);
            assertThat(noTables.getBody()).containsEntry("error",
                    "action 'snapshot' needs tables: {\"action\": \"snapshot\", \"tables\": [\"shop.orders\"]}");
            var notRunning = endpoint.control("snapshot", null, null, null, List.of("shop.orders"));
            assertThat(notRunning.getStatus()).isEqualTo(400);
            assertThat(notRunning.getBody()).containsEntry("state", "NEW").containsEntry("error",
                    "a snapshot is asked of a running client; this one is NEW (POST {\"action\": \"start\"})");
            var nothingToPause = endpoint.control("snapshot-pause", null, null, null, null);
            assertThat(nothingToPause.getStatus()).isEqualTo(400);
            assertThat(nothingToPause.getBody()).containsEntry("error",
                    "no incremental snapshot is in progress to pause (client NEW)");
            assertThat(endpoint.control("snapshot-cancel", null, null, null, null).getBody()).containsEntry("error",
                    "no incremental snapshot is in progress to cancel (client NEW)");
        });
    }

    @Test
    void infoNamesThePositionStore() {
        runner.run(context -> {
            var builder = new org.springframework.boot.actuate.info.Info.Builder();
            context.getBean(dev.binlog.spring.actuate.BinlogInfoContributor.class).contribute(builder);
            assertThat(builder.build().getDetails().get("binlog").toString()).contains("positionStore=file");
        });
    }

    static class Orders {
        @BinlogListener(table = "shop.*", id = "orders")
        void on(RowChange change) {
            if ("explode".equals(change.table())) {
                throw new IllegalStateException("boom");
            }
        }
    }

    private static RowChange insert(String table) {
        return new RowChange(ChangeType.INSERT, "shop", table, null,
                new Row(new ColumnNames(List.of("id")), new Object[] {1}, null), Set.of(), Map.of("id", 1),
                new ChangeMetadata("mysql-bin.000001", 4, null, null, 1, Instant.EPOCH, 0, 1L, null));
    }

    @Test
    void metersCountRowsPerTableWithBoundedTagsAndTimeEveryInvocation() {
        runner.withBean(Orders.class).withPropertyValues("binlog.metrics.max-tables=2",
                "binlog.error-handling.mode=skip", "binlog.error-handling.retries=0").run(context -> {
                    SimpleMeterRegistry registry = new SimpleMeterRegistry();
                    context.getBean(BinlogMetrics.class).bindTo(registry);
                    assertThat(registry.get("binlog.connected").gauge().value()).isZero();
                    assertThat(registry.get("binlog.events").tag("type", "write_rows_v2").functionCounter().count())
                            .isZero();
                    ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
                    for (String table : List.of("orders", "orders", "lines", "customers", "explode")) {
                        dispatcher.onChange(insert(table));
                    }
                    assertThat(registry.get("binlog.rows").tags("schema", "shop", "table", "orders", "type", "insert")
                            .counter().count()).isEqualTo(2);
                    assertThat(registry.get("binlog.rows").tags("table", "lines").counter().count()).isEqualTo(1);
                    assertThat(registry.get("binlog.rows").tags("schema", "other", "table", "other", "type", "insert")
                            .counter().count()).as("tables past max-tables").isEqualTo(2);
                    assertThat(registry.get("binlog.listener.invocations").tags("listener.id", "orders", "result",
                            "success", "exception", "none").timer().count()).isEqualTo(4);
                    assertThat(registry.get("binlog.listener.invocations").tags("listener.id", "orders", "result",
                            "failure", "exception", "IllegalStateException").timer().count()).isEqualTo(1);
                    assertThat(registry.get("binlog.listener.skipped").tag("listener.id", "orders")
                            .functionCounter().count()).isEqualTo(1);
                });
    }

    @Test
    void theArrayReadingOfTheEndpointsBodyIsThereOnlyForASpringMvcApplication() {
        runner.run(context -> assertThat(context).doesNotHaveBean(BinlogEndpointArrays.class));
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class,
                        BinlogActuatorAutoConfiguration.class))
                .withPropertyValues("binlog.auto-startup=false", "binlog.host=db", "binlog.username=repl",
                        "management.endpoints.web.exposure.include=binlog")
                .run(context -> assertThat(context).hasSingleBean(BinlogEndpointArrays.class));
    }

    @Test
    void nothingWithoutActuatorOrMicrometerOrWhenTheEndpointIsNotExposed() {
        runner.withClassLoader(new FilteredClassLoader(Endpoint.class, MeterBinder.class)).run(context -> {
            assertThat(context).doesNotHaveBean(BinlogEndpoint.class);
            assertThat(context).doesNotHaveBean(BinlogMetrics.class);
        });
        runner.withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean(BinlogEndpoint.class));
    }
}
