package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code tail --kafka}'s options refused before anything connects, each with one line and the usage status. */
class KafkaTailOptionsTest {

    @Test
    void refusesAPrintingFormat() {
        assertThat(tail("--kafka", "localhost:9092", "--format", "sql")).isEqualTo("2 binlog tail: --format cannot"
                + " be used with --kafka: the records are Kafka's JSON (--kafka-format debezium or maxwell), and"
                + " nothing is printed (see 'binlog tail --help')\n");
    }

    @Test
    void refusesAPositionFileUnderExactlyOnce() {
        assertThat(tail("--kafka", "localhost:9092", "--exactly-once", "--topic-prefix", "shop", "--position-file",
                "tail.pos")).isEqualTo("2 binlog tail: --position-file cannot be used with --exactly-once: the"
                + " position is kept in Kafka, in the topic shop-offsets, committed with the records (see 'binlog"
                + " tail --help')\n");
    }

    @Test
    void refusesPublishingOptionsWithoutKafka() {
        assertThat(tail("--exactly-once")).isEqualTo("2 binlog tail: --exactly-once needs --kafka (see 'binlog tail"
                + " --help')\n");
        assertThat(tail("--topic-prefix", "shop")).isEqualTo("2 binlog tail: --topic-prefix needs --kafka (see"
                + " 'binlog tail --help')\n");
    }

    @Test
    void refusesAnUnknownKafkaFormat() {
        assertThat(tail("--kafka", "localhost:9092", "--kafka-format", "avro")).isEqualTo("2 binlog tail:"
                + " --kafka-format must be debezium or maxwell, not 'avro' (see 'binlog tail --help')\n");
    }

    @Test
    void refusesKeyColumnsWithoutATableOrColumns() {
        assertThat(tail("--kafka", "localhost:9092", "--key-columns", "logs=a")).isEqualTo("2 binlog tail:"
                + " --key-columns logs=a: give schema.table=col1,col2 (see 'binlog tail --help')\n");
        assertThat(tail("--kafka", "localhost:9092", "--key-columns", "shop.logs=,")).isEqualTo("2 binlog tail:"
                + " --key-columns shop.logs=,: give schema.table=col1,col2 (see 'binlog tail --help')\n");
    }

    @Test
    void refusesAProducerSettingKafkaDoesNotAccept() {
        String result = tail("-u", "repl", "--kafka", "localhost:9092", "--kafka-property", "linger.ms=soon");
        assertThat(result).startsWith("2 binlog tail: ").contains("linger.ms").hasLineCount(1);
    }

    @Test
    void helpNamesTheKafkaOptions() {
        StringWriter out = new StringWriter();
        int status = BinlogCli.execute(new BinlogCli(), new PrintWriter(out), new PrintWriter(new StringWriter()),
                "tail", "--help");
        assertThat(status).isZero();
        // the help wraps its lines
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--kafka=SERVERS", "--topic-prefix=PREFIX", "--topic=TOPIC",
                "--kafka-format=FORMAT", "--exactly-once", "--kafka-property=KEY=VALUE",
                "--key-columns=SCHEMA.TABLE=COLS", "--position-file is not needed");
    }

    /** The exit status and standard error of {@code tail args}, which must print nothing on standard output. */
    private static String tail(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "tail";
        System.arraycopy(args, 0, command, 1, args.length);
        int status = BinlogCli.execute(new BinlogCli(), new PrintWriter(out), new PrintWriter(err), command);
        assertThat(out.toString()).isEmpty();
        return status + " " + err;
    }
}
