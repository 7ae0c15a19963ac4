package dev.binlog.kafka;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ChangeType;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.Transaction;
import dev.binlog.stream.ClientSettings;
import dev.binlog.stream.ServerTables;
import dev.binlog.stream.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every committed row change to Kafka: one topic per table ({@code {prefix}.{schema}.{table}}) or one for
 * all, keyed by the primary key as JSON, in {@link KafkaFormat#DEBEZIUM Debezium's} or
 * {@link KafkaFormat#MAXWELL Maxwell's} JSON; DDL goes to the {@code {prefix}} topic keyed by database.
 *
 * <pre>{@code
 * try (KafkaSink sink = KafkaSink.builder().bootstrapServers("localhost:9092").build();
 *      BinlogClient client = BinlogClient.builder().host("db").user("cdc").password(secret)
 *              .listener(sink)
 *              .positionStore(sink.positionStore(PositionStore.file(Path.of("orders.position"))))
 *              .build()) {
 *     sink.checkTables(client.settings());
 *     client.run();
 * }
 * }</pre>
 *
 * <p>The sink is the client's listener and must see every change of the stream, in order, on the stream's thread.
 * Under {@link KafkaDelivery#AT_LEAST_ONCE} {@link #positionStore} wraps the application's store so that it saves a
 * transaction's position only once the broker acknowledged every record of it and of those before; a failed send
 * stops the stream. Under
 * {@link KafkaDelivery#EXACTLY_ONCE} {@link #positionStore} returns a store of its own that keeps the position in
 * Kafka, committed in the same Kafka transaction as the records. While the broker is unreachable the stream waits
 * (the producer retries with back-off) and saves nothing; it goes on where it stopped.
 */
public final class KafkaSink implements ChangeListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

    private final Settings settings;
    private final RecordKeys keys;
    private final RecordFormat format;
    private final Publisher publisher;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong skippedOversized = new AtomicLong();
    private BinlogPosition transactionBegin;
    private long rowsInTransaction;
    private long alreadyPublished;
    private RowChange held;
    private long heldIndex;

    private KafkaSink(Settings settings, Producer<byte[], byte[]> producer) {
        this.settings = settings;
        this.keys = new RecordKeys(settings.keyColumns());
        Topics topics = new Topics(settings.topicPrefix(), settings.singleTopic());
        this.format = switch (settings.format()) {
            case DEBEZIUM -> new DebeziumFormat(topics, keys, settings.tombstones(), settings.sourceName(), version());
            case MAXWELL -> new MaxwellFormat(topics, keys, settings.tombstones());
        };
        this.publisher = settings.delivery() == KafkaDelivery.EXACTLY_ONCE
                ? new TransactionalPublisher(producer, new OffsetsTopic(settings.producerProperties(),
                        settings.offsetsTopic(), settings.sourceName()), settings.maxRecordsPerTransaction())
                : new AcknowledgedPublisher(producer);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The store to give the client: under at-least-once delivery, {@code configured}, fed by a thread of the sink's
     * with each position once its records were acknowledged; under exactly-once, the sink's own, which keeps the
     * position in the offsets topic inside the Kafka transaction of the records and ignores {@code configured}.
     */
    public PositionStore positionStore(PositionStore configured) {
        if (settings.delivery() == KafkaDelivery.EXACTLY_ONCE && configured != null) {
            LOG.info("Exactly-once delivery keeps the binlog position in the Kafka topic {}, not in the configured "
                    + "position store", settings.offsetsTopic());
        }
        return publisher.positionStore(configured);
    }

    /**
     * Refuses to start when a table the stream delivers has no primary key and no key columns were configured for it:
     * its records would have no key, so Kafka would spread one row's changes over partitions and lose their order.
     * Reads the server's tables over a connection of its own.
     *
     * @throws ConfigurationException naming every such table and how to configure its key columns
     */
    public void checkTables(ClientSettings client) {
        checkTables(ServerTables.read(client.server()), client.filter());
    }

    void checkTables(Map<String, TableSchema> tables, dev.binlog.TableFilter filter) {
        List<String> keyless = new ArrayList<>();
        for (TableSchema table : tables.values()) {
            String qualified = table.schema() + "." + table.table();
            boolean hasKey = table.columns().stream().anyMatch(dev.binlog.stream.ColumnSchema::primaryKey);
            if (!hasKey && filter.includesTable(table.schema(), table.table()) && !keys.configured(qualified)) {
                keyless.add(qualified);
            }
        }
        if (!keyless.isEmpty()) {
            throw new ConfigurationException("Kafka records need a key, but " + String.join(", ", keyless)
                    + (keyless.size() == 1 ? " has" : " have") + " no primary key: configure key columns (Spring: "
                    + "binlog.kafka.key-columns." + keyless.get(0) + "=col1,col2; KafkaSink.Builder.keyColumns) or "
                    + "leave " + (keyless.size() == 1 ? "it" : "them") + " out of the filter");
        }
    }

    /** Counters since the sink was built; safe to read from any thread. */
    public KafkaSinkStatistics statistics() {
        return new KafkaSinkStatistics(publisher.records(), transactions.get(), skippedOversized.get());
    }

    @Override
    public void onBegin(Transaction transaction) {
        publisher.begin(transaction);
        transactionBegin = transaction.beginPosition();
        rowsInTransaction = 0;
        alreadyPublished = publisher.publishedRows(transactionBegin);
        held = null;
    }

    @Override
    public void onChange(RowChange change) {
        if (transactionBegin == null) {
            // a consistent snapshot's rows come outside transactions
            publish(change, new RowPlace(0, false, null));
            return;
        }
        long index = rowsInTransaction++;
        if (index < alreadyPublished) {
            return;
        }
        if (format.marksCommit()) {
            if (held != null) {
                publish(held, new RowPlace(heldIndex, false, null));
            }
            held = change;
            heldIndex = index;
            return;
        }
        publish(change, new RowPlace(index, false, null));
    }

    @Override
    public void onCommit(Transaction transaction) {
        if (held != null) {
            publish(held, new RowPlace(heldIndex, true, transaction.xid()));
            held = null;
        }
        publisher.commit(transaction);
        transactionBegin = null;
        transactions.incrementAndGet();
    }

    @Override
    public void onSchemaChange(SchemaChange change) {
        ProducerRecord<byte[], byte[]> record = format.schemaChange(change);
        send(record, new RecordOrigin(DebeziumFormat.database(change), record.key(), change.position().file(),
                change.position().position()));
        publisher.flush("the schema change at " + change.position());
    }

    @Override
    public void onSnapshot(SnapshotMarker marker) {
        ProducerRecord<byte[], byte[]> record = format.snapshotMarker(marker);
        if (record != null) {
            send(record, new RecordOrigin(marker.qualifiedTable(), record.key(), marker.position().file(),
                    marker.position().position()));
        }
        if (marker.kind() == SnapshotMarker.Kind.TABLE_FINISHED
                || marker.kind() == SnapshotMarker.Kind.SNAPSHOT_FINISHED) {
            publisher.flush("the snapshot of " + (marker.table() == null ? "its tables" : marker.qualifiedTable()));
        }
    }

    /**
     * Closes the producer after the client: at-least-once, waits up to 30 s for the acknowledgements of the records
     * in flight and saves the last acknowledged position; exactly-once, aborts an open Kafka transaction.
     */
    @Override
    public void close() {
        publisher.close();
    }

    private void publish(RowChange change, RowPlace place) {
        for (ProducerRecord<byte[], byte[]> record : format.rowChange(change, place)) {
            send(record, new RecordOrigin(change.qualifiedTable(), record.key(), change.metadata().binlogFile(),
                    change.metadata().position()));
        }
        boolean streamed = change.type() != ChangeType.READ;
        publisher.rowsSent(streamed ? transactionBegin : null, place.index() + 1);
    }

    private void send(ProducerRecord<byte[], byte[]> record, RecordOrigin origin) {
        int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE, record.key(), record.value(), record.headers().toArray());
        if (size > settings.maxRequestSize()) {
            String message = "The record of " + origin.describe() + " is " + size + " bytes, over the producer's "
                    + "max.request.size of " + settings.maxRequestSize() + " bytes";
            if (settings.oversized() == OversizedRecords.SKIP) {
                skippedOversized.incrementAndGet();
                LOG.error("{}: left out (oversized records: skip)", message);
                return;
            }
            throw new OversizedRecordException(message + ": raise max.request.size (Spring: "
                    + "spring.kafka.producer.properties.max.request.size) and the topic's max.message.bytes, or set "
                    + "binlog.kafka.oversized=skip to log and leave such records out. The stream stopped before this "
                    + "transaction's position was saved", null);
        }
        publisher.send(record, origin);
    }

    private static String version() {
        String version = KafkaSink.class.getPackage().getImplementationVersion();
        return "binlog-" + (version != null ? version : "dev");
    }

    /** What a built sink was configured with. */
    private record Settings(Map<String, Object> producerProperties, KafkaFormat format, String topicPrefix,
            String singleTopic, boolean tombstones, Map<String, List<String>> keyColumns, KafkaDelivery delivery,
            String sourceName, String transactionalId, String offsetsTopic, int maxRecordsPerTransaction,
            OversizedRecords oversized, int maxRequestSize) {
    }

    /** Builds a {@link KafkaSink}; only the bootstrap servers are required. */
    public static final class Builder {

        private final Map<String, Object> producerProperties = new LinkedHashMap<>();
        private KafkaFormat format = KafkaFormat.DEBEZIUM;
        private String topicPrefix = "binlog";
        private String singleTopic;
        private Boolean tombstones;
        private final Map<String, List<String>> keyColumns = new LinkedHashMap<>();
        private KafkaDelivery delivery = KafkaDelivery.AT_LEAST_ONCE;
        private String sourceName;
        private String transactionalId;
        private String offsetsTopic;
        private int maxRecordsPerTransaction = 10_000;
        private OversizedRecords oversized = OversizedRecords.FAIL;

        private Builder() {
        }

        /** {@code bootstrap.servers}: {@code host:port[,host:port...]}. */
        public Builder bootstrapServers(String servers) {
            producerProperties.put("bootstrap.servers", Objects.requireNonNull(servers, "servers"));
            return this;
        }

        /**
         * Kafka producer settings (security, timeouts, compression...), also used by the admin client and the consumer
         * that reads the offsets topic. The sink sets serializers, {@code enable.idempotence=true},
         * {@code acks=all} and, under exactly-once, {@code transactional.id} itself.
         */
        public Builder producerProperties(Map<String, ?> properties) {
            producerProperties.putAll(properties);
            return this;
        }

        public Builder format(KafkaFormat value) {
            format = Objects.requireNonNull(value, "format");
            return this;
        }

        /** Prefix of the topic names ({@code {prefix}.{schema}.{table}}, DDL to {@code {prefix}}); default {@code binlog}. */
        public Builder topicPrefix(String value) {
            topicPrefix = requireText(value, "topic prefix");
            return this;
        }

        /** Publishes every row change to this one topic instead of one topic per table ({@code null}: per table). */
        public Builder singleTopic(String value) {
            singleTopic = value == null || value.isBlank() ? null : value;
            return this;
        }

        /** Whether a delete is followed by a tombstone (key, null value) for log compaction; default: Debezium yes, Maxwell no. */
        public Builder tombstones(boolean value) {
            tombstones = value;
            return this;
        }

        /** The key columns of a table ({@code schema.table}) without a primary key, or to use instead of it. */
        public Builder keyColumns(String table, List<String> columns) {
            if (columns.isEmpty()) {
                throw new ConfigurationException("key columns of " + table + " are empty");
            }
            keyColumns.put(requireText(table, "table"), List.copyOf(columns));
            return this;
        }

        public Builder delivery(KafkaDelivery value) {
            delivery = Objects.requireNonNull(value, "delivery");
            return this;
        }

        /**
         * The source's logical name: Debezium's {@code source.name} and the key of its offsets record; default: the
         * topic prefix.
         */
        public Builder sourceName(String value) {
            sourceName = requireText(value, "source name");
            return this;
        }

        /**
         * Exactly-once: the producer's {@code transactional.id}, fixed per source so that a second instance or a
         * zombie after a failover is fenced; default {@code binlog-{sourceName}}.
         */
        public Builder transactionalId(String value) {
            transactionalId = requireText(value, "transactional id");
            return this;
        }

        /** Exactly-once: the compacted topic of binlog positions; default {@code {prefix}-offsets}. */
        public Builder offsetsTopic(String value) {
            offsetsTopic = requireText(value, "offsets topic");
            return this;
        }

        /**
         * Exactly-once: records per Kafka transaction before a long binlog transaction is cut into parts (each
         * committed with how many of its rows are published); default 10,000.
         */
        public Builder maxRecordsPerTransaction(int value) {
            if (value < 1) {
                throw new ConfigurationException("max records per transaction must be at least 1, not " + value);
            }
            maxRecordsPerTransaction = value;
            return this;
        }

        public Builder oversizedRecords(OversizedRecords value) {
            oversized = Objects.requireNonNull(value, "oversized");
            return this;
        }

        public KafkaSink build() {
            if (!producerProperties.containsKey("bootstrap.servers")) {
                throw new ConfigurationException("The Kafka sink needs bootstrap servers (bootstrap.servers)");
            }
            String source = sourceName != null ? sourceName : topicPrefix;
            Map<String, Object> properties = ProducerProperties.of(producerProperties, delivery,
                    transactionalId != null ? transactionalId : "binlog-" + source);
            Settings settings = new Settings(properties, format, topicPrefix, singleTopic,
                    tombstones != null ? tombstones : format == KafkaFormat.DEBEZIUM, keyColumns, delivery, source,
                    (String) properties.get("transactional.id"),
                    offsetsTopic != null ? offsetsTopic : topicPrefix + "-offsets", maxRecordsPerTransaction,
                    oversized, ProducerProperties.maxRequestSize(properties));
            return new KafkaSink(settings,
                    new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer()));
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new ConfigurationException("The Kafka sink's " + what + " must not be empty");
            }
            return value;
        }
    }
}
