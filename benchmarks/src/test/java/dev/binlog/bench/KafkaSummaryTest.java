package dev.binlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.bench.KafkaResults.Run;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Kafka figures in summary.json and the printed table: ours ÷ the producer of the same delivery. */
class KafkaSummaryTest {

    private static final KafkaResults RESULTS = new KafkaResults(200_000, 100, 476.0, List.of(
            new Run("at_least_once", KafkaResults.OURS, 200_000, 0.4, 20.0, null),
            new Run("at_least_once", KafkaResults.PRODUCER, 200_000, 0.1, 5.0, null),
            new Run("at_least_once", KafkaResults.PRODUCER_AWAITING, 200_000, 0.1, 10.0, null),
            new Run("exactly_once", KafkaResults.OURS, 150_000, 1.0, 40.0, "published 150000 of 200000 rows"),
            new Run("exactly_once", KafkaResults.PRODUCER, 200_000, 0.2, 25.0, null)));

    @Test
    void headlineKeysGiveOurRatesAndRatiosWithNullWhereARunFailed() {
        String json = new Summary(List.of(), List.of(), List.of(), null, null, RESULTS).toJson(Map.of(), Map.of());

        JsonNode tree = JsonMapper.builder().build().readTree(json);
        assertThat(tree.get("kafka_rows_per_s_ours_at_least_once").asDouble()).isEqualTo(10_000.0);
        assertThat(tree.get("kafka_ours_vs_producer_at_least_once").asDouble()).isEqualTo(0.25);
        assertThat(tree.get("kafka_rows_per_s_ours_exactly_once").isNull()).as("the run failed").isTrue();
        assertThat(tree.get("kafka_ours_vs_producer_exactly_once").isNull()).isTrue();
        assertThat(tree.get("kafka").get("ratios").get(0).get("ours_vs_kafka_producer_awaiting_each_transaction")
                .asDouble()).isEqualTo(0.5);
        assertThat(tree.get("kafka").get("runs").get(3).get("error").asText())
                .isEqualTo("published 150000 of 200000 rows");
    }

    @Test
    void unmeasuredKafkaFiguresAreNull() {
        String json = new Summary(List.of(), List.of(), List.of(), null, null).toJson(Map.of(), Map.of());

        JsonNode tree = JsonMapper.builder().build().readTree(json);
        assertThat(tree.get("kafka_rows_per_s_ours_at_least_once").isNull()).isTrue();
        assertThat(tree.has("kafka")).isFalse();
    }

    @Test
    void printedTableGivesEveryRunAndTheRatios() {
        assertThat(SummaryTable.kafka(RESULTS))
                .contains("| at_least_once | ours | 200,000 | 20.00 | 0.40 | 10,000 |")
                .contains("exactly_once ours failed: published 150000 of 200000 rows")
                .contains("| at_least_once | 0.25× | 0.50× |")
                .contains("| exactly_once | – | – |");
    }
}
