package dev.binlog.spring.autoconfigure;

import dev.binlog.BinlogClient;
import dev.binlog.spring.actuate.BinlogHealthIndicator;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code binlog} health indicator, when Spring Boot's health support is on the classpath. */
@AutoConfiguration(after = BinlogAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(BinlogClient.class)
@ConditionalOnEnabledHealthIndicator("binlog")
public final class BinlogHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "binlogHealthIndicator")
    BinlogHealthIndicator binlogHealthIndicator(BinlogClient client, BinlogProperties properties) {
        Duration grace = properties.getConnection().getMaxBackoff().multipliedBy(2);
        return new BinlogHealthIndicator(client, grace, Clock.systemUTC());
    }
}
