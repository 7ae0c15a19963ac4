package dev.binlog.cli;

import dev.binlog.ConfigurationException;
import dev.binlog.kafka.KafkaDelivery;
import dev.binlog.kafka.KafkaFormat;
import dev.binlog.kafka.KafkaSink;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code tail --kafka} and the options that say how it publishes: {@code --topic-prefix --topic --kafka-format
 * --exactly-once --kafka-property --key-columns}.
 */
final class KafkaOptions {

    private static final String DEFAULT_PREFIX = "binlog";

    @Option(names = "--kafka", paramLabel = "SERVERS",
            description = "Publish every row change to Kafka instead of printing it: the brokers' bootstrap.servers"
                    + " (host:port[,host:port...]). One topic per table, PREFIX.schema.table, keyed by the primary"
                    + " key; DDL of the selected tables to the topic PREFIX. Nothing is written to standard output."
                    + " A transaction's position is saved (--position-file) once the broker acknowledged all its"
                    + " records: at least once.")
    String servers;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "With --kafka, the prefix of the topic names; also the source name (Debezium's"
                    + " source.name) (default: " + DEFAULT_PREFIX + ").")
    String topicPrefix;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "With --kafka, publish the row changes of every table to this one topic. --topic-prefix"
                    + " still names the DDL topic and, with --exactly-once, the source: give each source its own.")
    String topic;

    @Option(names = "--kafka-format", paramLabel = "FORMAT",
            description = "With --kafka, the records' JSON: debezium (an envelope with before, after, source, op)"
                    + " or maxwell (type, data, old; commit: true on the last row of a transaction)"
                    + " (default: debezium).")
    String format;

    @Option(names = "--exactly-once",
            description = "With --kafka, publish each transaction's records and its binlog position in one Kafka"
                    + " transaction: a consumer reading read_committed sees every row once, even after a crash. The"
                    + " position lives in the compacted topic PREFIX-offsets (transactional.id binlog-PREFIX), so"
                    + " --position-file is not needed (and not allowed); a second run with the same prefix fences"
                    + " the first.")
    boolean exactlyOnce;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "With --kafka, a Kafka producer setting, e.g. security.protocol=SASL_SSL,"
                    + " compression.type=zstd, max.request.size=4194304. Repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--key-columns", paramLabel = "SCHEMA.TABLE=COLS",
            description = "With --kafka, the columns that key the records of a table without a primary key,"
                    + " comma-separated (e.g. shop.logs=host,ts); --kafka refuses to start while a selected table"
                    + " has neither. Repeatable.")
    Map<String, String> keyColumns = new LinkedHashMap<>();

    /** Whether {@code --kafka} was given. */
    boolean enabled() {
        return servers != null;
    }

    boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** Refuses the publishing options without {@code --kafka}, and values that cannot work, before anything connects. */
    void check(CommandLine commandLine) {
        if (!enabled()) {
            String given = topicPrefix != null ? "--topic-prefix" : topic != null ? "--topic"
                    : format != null ? "--kafka-format" : exactlyOnce ? "--exactly-once"
                    : !properties.isEmpty() ? "--kafka-property" : !keyColumns.isEmpty() ? "--key-columns" : null;
            if (given != null) {
                throw new ParameterException(commandLine, given + " needs --kafka");
            }
            return;
        }
        if (servers.isBlank()) {
            throw new ParameterException(commandLine, "--kafka needs the brokers' bootstrap servers, host:port");
        }
        kafkaFormat(commandLine);
        for (Map.Entry<String, String> entry : keyColumns.entrySet()) {
            if (entry.getKey().indexOf('.') <= 0 || columns(entry.getValue()).isEmpty()) {
                throw new ParameterException(commandLine, "--key-columns " + entry.getKey() + "=" + entry.getValue()
                        + ": give schema.table=col1,col2");
            }
        }
    }

    /** The sink these options describe; its producer connects on the first record. */
    KafkaSink sink(CommandLine commandLine) {
        KafkaSink.Builder builder = KafkaSink.builder()
                .producerProperties(properties)
                .bootstrapServers(servers)
                .format(kafkaFormat(commandLine))
                .topicPrefix(topicPrefix == null ? DEFAULT_PREFIX : topicPrefix)
                .singleTopic(topic)
                .delivery(exactlyOnce ? KafkaDelivery.EXACTLY_ONCE : KafkaDelivery.AT_LEAST_ONCE);
        try {
            keyColumns.forEach((table, columns) -> builder.keyColumns(table, columns(columns)));
            return builder.build();
        } catch (ConfigurationException | KafkaException e) {
            // a producer setting Kafka does not accept: as wrong as a misspelt option
            throw new ParameterException(commandLine, BinlogCli.message(e));
        }
    }

    /** The offsets topic of {@code --exactly-once}, for messages. */
    String offsetsTopic() {
        return (topicPrefix == null ? DEFAULT_PREFIX : topicPrefix) + "-offsets";
    }

    private KafkaFormat kafkaFormat(CommandLine commandLine) {
        if (format == null) {
            return KafkaFormat.DEBEZIUM;
        }
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "debezium" -> KafkaFormat.DEBEZIUM;
            case "maxwell" -> KafkaFormat.MAXWELL;
            default -> throw new ParameterException(commandLine, "--kafka-format must be debezium or maxwell, not '"
                    + format + "'");
        };
    }

    private static List<String> columns(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(column -> !column.isEmpty()).toList();
    }
}
