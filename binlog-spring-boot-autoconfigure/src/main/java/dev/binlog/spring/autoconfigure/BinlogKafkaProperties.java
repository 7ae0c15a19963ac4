package dev.binlog.spring.autoconfigure;

import dev.binlog.kafka.KafkaDelivery;
import dev.binlog.kafka.KafkaFormat;
import dev.binlog.kafka.OversizedRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Kafka sink, under {@code binlog.kafka.*}: what it publishes and how. Where it connects to (bootstrap servers,
 * security, SSL bundle, producer settings) comes from Boot's {@code spring.kafka.*} and its
 * {@code KafkaConnectionDetails}.
 */
@ConfigurationProperties("binlog.kafka")
public class BinlogKafkaProperties {

    /** Whether to publish every committed row change to Kafka (needs binlog-kafka and spring-boot-kafka). */
    private boolean enabled = false;

    /** JSON of record keys and values: debezium (Debezium's envelope, schemas off) or maxwell. */
    private KafkaFormat format = KafkaFormat.DEBEZIUM;

    /**
     * at-least-once: the position is saved after the broker acknowledged the transaction's records; exactly-once:
     * records and position in one Kafka transaction (the position then lives in binlog.kafka.offsets-topic, not in
     * binlog.position-store).
     */
    private KafkaDelivery delivery = KafkaDelivery.AT_LEAST_ONCE;

    /** Prefix of the topics: {prefix}.{schema}.{table} for row changes, {prefix} for DDL. */
    private String topicPrefix = "binlog";

    /** One topic for every row change instead of one per table. */
    private String topic;

    /**
     * Whether a delete is followed by a tombstone (the key with a null value) for log compaction. Default: true for
     * debezium, false for maxwell.
     */
    private Boolean tombstones;

    /**
     * Key columns of tables without a primary key (or to use instead of it), by schema.table: e.g.
     * binlog.kafka.key-columns[shop.log]=a,b. A delivered table without either fails the start.
     */
    private Map<String, List<String>> keyColumns = new LinkedHashMap<>();

    /** The source's logical name: Debezium's source.name and the key of its offsets record. Default: the topic prefix. */
    private String sourceName;

    /**
     * Exactly-once: the producer's transactional.id, fixed so that a second instance or a zombie is fenced. Default:
     * binlog-{source-name}.
     */
    private String transactionalId;

    /** Exactly-once: the compacted topic of binlog positions. Default: {topic-prefix}-offsets. */
    private String offsetsTopic;

    /** Exactly-once: records per Kafka transaction before a long binlog transaction is cut into parts. */
    private int maxRecordsPerTransaction = 10_000;

    /**
     * A change whose record exceeds the producer's max.request.size: fail (stop the stream) or skip (log it at ERROR,
     * count it and go on).
     */
    private OversizedRecords oversized = OversizedRecords.FAIL;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public KafkaFormat getFormat() {
        return format;
    }

    public void setFormat(KafkaFormat format) {
        this.format = format;
    }

    public KafkaDelivery getDelivery() {
        return delivery;
    }

    public void setDelivery(KafkaDelivery delivery) {
        this.delivery = delivery;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public Boolean getTombstones() {
        return tombstones;
    }

    public void setTombstones(Boolean tombstones) {
        this.tombstones = tombstones;
    }

    public Map<String, List<String>> getKeyColumns() {
        return keyColumns;
    }

    public void setKeyColumns(Map<String, List<String>> keyColumns) {
        this.keyColumns = keyColumns;
    }

    public String getSourceName() {
        return sourceName;
    }

    public void setSourceName(String sourceName) {
        this.sourceName = sourceName;
    }

    public String getTransactionalId() {
        return transactionalId;
    }

    public void setTransactionalId(String transactionalId) {
        this.transactionalId = transactionalId;
    }

    public String getOffsetsTopic() {
        return offsetsTopic;
    }

    public void setOffsetsTopic(String offsetsTopic) {
        this.offsetsTopic = offsetsTopic;
    }

    public int getMaxRecordsPerTransaction() {
        return maxRecordsPerTransaction;
    }

    public void setMaxRecordsPerTransaction(int maxRecordsPerTransaction) {
        this.maxRecordsPerTransaction = maxRecordsPerTransaction;
    }

    public OversizedRecords getOversized() {
        return oversized;
    }

    public void setOversized(OversizedRecords oversized) {
        this.oversized = oversized;
    }
}
