package dev.binlog.spring.autoconfigure;

import dev.binlog.spring.BinlogLeadership;
import dev.binlog.spring.actuate.BinlogHealthIndicator;
import dev.binlog.spring.actuate.BinlogReadinessGroup;
import dev.binlog.stream.BinlogClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The {@code binlog} health indicator, when Spring Boot's health support is on the classpath. */
// After Boot's availability probes, so the readiness group exists when ours adds the indicator to it.
@AutoConfiguration(after = {BinlogAutoConfiguration.class, BinlogClusterAutoConfiguration.class},
        afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(BinlogClient.class)
@ConditionalOnEnabledHealthIndicator("binlog")
public final class BinlogHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "binlogHealthIndicator")
    BinlogHealthIndicator binlogHealthIndicator(BinlogClient client, BinlogProperties properties,
            ObjectProvider<BinlogStreamLifecycle> lifecycle, ObjectProvider<BinlogLeadership> leadership) {
        Duration grace = properties.getHealth().getReconnectGrace() != null
                ? properties.getHealth().getReconnectGrace()
                : properties.getConnection().getMaxBackoff().multipliedBy(2);
        return new BinlogHealthIndicator(client, grace, Clock.systemUTC(), () -> {
            BinlogStreamLifecycle stream = lifecycle.getIfAvailable();
            return stream == null ? Optional.empty() : stream.startFailure();
        }, leadership.getIfAvailable());
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor")
    static BinlogReadinessGroup binlogReadinessGroup(Environment environment) {
        return new BinlogReadinessGroup(environment);
    }
}
