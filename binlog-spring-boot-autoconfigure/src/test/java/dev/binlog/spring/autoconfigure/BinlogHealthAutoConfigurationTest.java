package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.actuate.BinlogHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class BinlogHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class,
                    BinlogHealthAutoConfiguration.class))
            .withPropertyValues("binlog.auto-startup=false", "binlog.host=db.example", "binlog.username=repl",
                    "binlog.password=hunter2");

    @Test
    void reportsUnstartedClientAsUpWithinTheGracePeriodAndNeverShowsThePassword() {
        runner.run(context -> {
            BinlogHealthIndicator health = context.getBean(BinlogHealthIndicator.class);
            var result = health.health(true);
            assertThat(result.getStatus()).isEqualTo(Status.UP);
            assertThat(result.getDetails()).containsEntry("state", "NEW")
                    .containsEntry("server", "db.example:3306");
            assertThat(result.toString()).doesNotContain("hunter2");
        });
    }

    @Test
    void absentWithoutHealthSupportOrWhenDisabledOrWithoutClient() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean(BinlogHealthIndicator.class));
        runner.withPropertyValues("management.health.binlog.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(BinlogHealthIndicator.class));
        runner.withPropertyValues("binlog.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(BinlogHealthIndicator.class));
    }
}
