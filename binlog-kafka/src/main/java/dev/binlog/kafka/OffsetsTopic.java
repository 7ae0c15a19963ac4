package dev.binlog.kafka;

import dev.binlog.BinlogPosition;
import dev.binlog.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The compacted topic where exactly-once delivery keeps each source's binlog position, written inside the same Kafka
 * transaction as the records it covers and read back {@code read_committed}. A record's key is the source name; its
 * value {@code {"position":"mysql-bin.000003:4015 gtid=0-1-42","rows":0}}: where to resume, and how many rows of the
 * transaction starting there were already published (non-zero only when a long transaction was cut into parts).
 */
final class OffsetsTopic {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, Object> connection;
    private final String topic;
    private final byte[] key;
    private final JsonBytes json = new JsonBytes();

    OffsetsTopic(Map<String, Object> clientProperties, String topic, String sourceName) {
        this.connection = clientProperties;
        this.topic = topic;
        this.key = sourceName.getBytes(StandardCharsets.UTF_8);
    }

    String name() {
        return topic;
    }

    /** Where a source stands, as its last committed offsets record says. */
    record Offset(BinlogPosition position, long rows) {
    }

    ProducerRecord<byte[], byte[]> record(BinlogPosition position, long rows) {
        byte[] value = json.write(out -> {
            out.writeStartObject();
            out.writeStringProperty("position", position.toString());
            out.writeNumberProperty("rows", rows);
            out.writeEndObject();
        });
        return new ProducerRecord<>(topic, 0, key, value);
    }

    /** Creates the topic (one partition, compacted) when it does not exist. */
    void create() {
        try (Admin admin = Admin.create(only(AdminClientConfig.configNames()))) {
            NewTopic offsets = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(offsets)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaPublishException("Cannot create the offsets topic " + topic + ": "
                        + e.getCause().getMessage() + " (create it yourself: one partition, cleanup.policy=compact)",
                        e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublishException("Interrupted while creating the offsets topic " + topic, e);
        }
    }

    /** The last committed offset of this source, read {@code read_committed} to the end of the topic. */
    Optional<Offset> read() {
        Map<String, Object> properties = only(ConsumerConfig.configNames());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            Offset last = null;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(partition, READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaPublishException("Could not read the offsets topic " + topic + " to its end ("
                            + end + ") within " + READ_TIMEOUT.toMinutes() + " minutes", null);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (java.util.Arrays.equals(record.key(), key) && record.value() != null) {
                        last = parse(record.value(), record.offset());
                    }
                }
            }
            return Optional.ofNullable(last);
        }
    }

    private Offset parse(byte[] value, long offset) {
        String position = null;
        long rows = 0;
        try (JsonParser parser = FACTORY.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "position" -> position = parser.getString();
                    case "rows" -> rows = parser.getLongValue();
                    default -> parser.skipChildren();
                }
            }
            if (position == null) {
                throw new IllegalArgumentException("no position");
            }
            return new Offset(BinlogPosition.parse(position), rows);
        } catch (RuntimeException e) {
            throw new ConfigurationException("The offsets record at " + topic + "-0@" + offset + " for source "
                    + new String(key, StandardCharsets.UTF_8) + " is not one this sink writes ("
                    + e.getMessage() + "): " + new String(value, StandardCharsets.UTF_8), e);
        }
    }

    private Map<String, Object> only(java.util.Set<String> names) {
        Map<String, Object> selected = new HashMap<>();
        connection.forEach((name, value) -> {
            if (names.contains(name)) {
                selected.put(name, value);
            }
        });
        return selected;
    }
}
