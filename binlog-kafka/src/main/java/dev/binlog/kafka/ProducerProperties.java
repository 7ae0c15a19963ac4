package dev.binlog.kafka;

import dev.binlog.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer settings a delivery guarantee needs on top of the application's: idempotence and {@code acks=all}
 * always; no give-up while the broker is away (Kafka Connect's choice for source tasks), so that an outage makes the
 * stream wait instead of failing; a fixed {@code transactional.id} for exactly-once.
 */
final class ProducerProperties {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerProperties.class);
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    private ProducerProperties() {
    }

    static Map<String, Object> of(Map<String, Object> configured, KafkaDelivery delivery, String transactionalId) {
        Map<String, Object> properties = new LinkedHashMap<>(configured);
        properties.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        properties.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        override(properties, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        override(properties, ProducerConfig.ACKS_CONFIG, "all");
        Object inFlight = properties.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight != null && Integer.parseInt(inFlight.toString()) > 5) {
            throw new ConfigurationException("max.in.flight.requests.per.connection=" + inFlight + " would let Kafka "
                    + "reorder a table's records; the idempotent producer the sink needs allows at most 5");
        }
        properties.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        if (delivery == KafkaDelivery.EXACTLY_ONCE) {
            // max.block.ms stays Kafka's 60 s: a commit that times out is tried again (with a warning), and a start
            // while the broker is away fails with a message instead of hanging
            properties.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            // a binlog transaction can outlast Kafka's one-minute default while the broker is briefly away
            properties.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 300_000);
        } else {
            properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE);
            properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        }
        return properties;
    }

    static int maxRequestSize(Map<String, Object> properties) {
        Object configured = properties.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return configured == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(configured.toString());
    }

    private static void override(Map<String, Object> properties, String name, String required) {
        Object configured = properties.get(name);
        if (configured != null && !configured.toString().equalsIgnoreCase(required)) {
            LOG.warn("Kafka producer setting {}={} replaced by {}={}: the sink's delivery guarantee needs it", name,
                    configured, name, required);
        }
        properties.put(name, required);
    }
}
