package dev.binlog.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when {@code binlog.kafka.enabled=true} but binlog-kafka or spring-boot-kafka is not on the class path, so
 * that {@link BinlogKafkaAutoConfiguration} would be left out without a word and nothing published.
 */
class KafkaSinkUnavailableCondition extends SpringBootCondition {

    static final String KAFKA_SINK = "dev.binlog.kafka.KafkaSink";
    static final String KAFKA_PROPERTIES = "org.springframework.boot.kafka.autoconfigure.KafkaProperties";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (!Boolean.parseBoolean(context.getEnvironment().getProperty("binlog.kafka.enabled", "false").trim())) {
            return ConditionOutcome.noMatch("binlog.kafka.enabled is not true");
        }
        List<String> missing = missing(context.getClassLoader());
        return missing.isEmpty() ? ConditionOutcome.noMatch("binlog-kafka and spring-boot-kafka are present")
                : ConditionOutcome.match("binlog.kafka.enabled=true without " + String.join(" and ", missing));
    }

    /** The artifacts the Kafka sink needs that the class path lacks. */
    static List<String> missing(ClassLoader classLoader) {
        List<String> missing = new ArrayList<>();
        if (!ClassUtils.isPresent(KAFKA_SINK, classLoader)) {
            missing.add("dev.binlog:binlog-kafka");
        }
        if (!ClassUtils.isPresent(KAFKA_PROPERTIES, classLoader)) {
            missing.add("org.springframework.boot:spring-boot-kafka (spring-boot-starter-kafka)");
        }
        return missing;
    }
}
