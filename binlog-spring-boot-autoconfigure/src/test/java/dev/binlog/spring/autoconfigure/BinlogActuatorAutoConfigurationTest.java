package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.actuate.BinlogEndpoint;
import dev.binlog.spring.actuate.BinlogMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
            assertThat(endpoint.control("pause")).containsEntry("state", "PAUSED");
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

    @Test
    void metersAreBoundWithBoundedTags() {
        runner.run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(BinlogMetrics.class).bindTo(registry);
            assertThat(registry.get("binlog.rows").tag("type", "insert").functionCounter().count()).isZero();
            assertThat(registry.get("binlog.connected").gauge().value()).isZero();
        });
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
