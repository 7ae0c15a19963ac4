package dev.binlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.bench.EndToEndResults.CatchUp;
import dev.binlog.bench.EndToEndResults.Latency;
import dev.binlog.bench.EndToEndResults.Throughput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** summary.json carries the keys scripts follow, with null where a figure was not measured. */
class SummaryJsonTest {

    @Test
    void headlineKeysAreThereAndUnmeasuredFiguresAreNull() {
        CorpusFile narrow = new CorpusFile("narrow_1", Path.of("narrow_1.binlog"), 1000, 50, 10);
        EndToEndResults e2e = new EndToEndResults(
                List.of(new Throughput("ours", 100, 1000, 5000.0, 4990.0, 0.5)),
                List.of(new Latency("ours", 5000, 10, 1000, 0.01, 0.1, 1.0, 2.0, 3)),
                List.of(new CatchUp("ours", 1000, 1000, 0.01, 0.1)),
                List.of(Map.of("run", "memory", "xmx", "128m")));
        String json = new Summary(List.of(narrow), List.of(), List.of(), e2e, null).toJson(Map.of("cpus", 2),
                Map.of("wall_seconds", 1));

        JsonNode tree = JsonMapper.builder().build().readTree(json);
        assertThat(tree.get("e2e_rows_per_s").asDouble()).isEqualTo(4990.0);
        assertThat(tree.get("e2e_p99_ms").asDouble()).isEqualTo(0.1);
        assertThat(tree.get("decode_rows_per_s_ours").isNull()).as("no decode figures given").isTrue();
        assertThat(tree.get("catch_up_rows_per_s_mariadb_binlog_raw").isNull()).isTrue();
        assertThat(tree.has("decode_alloc_bytes_per_row_connector_j")).isTrue();
        assertThat(tree.has("scan_rows_per_s")).isTrue();
        assertThat(tree.has("decode_rows_per_s_connector_j_equal_work")).isTrue();
        assertThat(tree.get("catch_up_rows_per_s_debezium").isNull()).as("Debezium not measured").isTrue();
        assertThat(tree.get("corpus").get(0).get("workload").asText()).isEqualTo("narrow_1");
        assertThat(tree.get("memory").get(0).get("xmx").asText()).isEqualTo("128m");
    }

    @Test
    void printedTablesCarryTheEqualWorkRatioAndDebeziumsCatchUp() {
        CorpusFile narrow = new CorpusFile("narrow_1", Path.of("narrow_1.binlog"), 1000, 50, 10);
        List<DecodeFigure> figures = List.of(new DecodeFigure("ours", "narrow_1", 30, 1, 1000.0),
                new DecodeFigure("connectorJFast", "narrow_1", 10, 1, 2000.0),
                new DecodeFigure("connectorJEqualWork", "narrow_1", 5, 1, 4000.0));
        EndToEndResults e2e = new EndToEndResults(List.of(), List.of(),
                List.of(new CatchUp("ours", 1_000_000, 1000, 0.01, 0.5),
                        new CatchUp(DebeziumRowStream.NAME, 1_000_000, 1000, 2, 40.0)),
                List.of());

        String tables = SummaryTable.render(new Summary(List.of(narrow), List.of(), figures, e2e, null));

        assertThat(tables).contains("| ours ÷ connector-j fast (bytes) | ours ÷ connector-j equal work |")
                .contains("| narrow_1 | – | 3.00× | 6.00× |")
                .contains("| Debezium embedded |")
                .contains("| embedded 11.4 | 2.00 M | – | – | 0.03 M | – |");
    }

    @Test
    void snapshotSectionGivesRatesOnOneDenominatorAndRatiosWithNullWhereARunFailed() {
        SnapshotResults snapshot = new SnapshotResults(1000, List.of(
                new SnapshotResults.Run("narrow", "mariadb-dump", 2_000_000, 100_000_000, 2.0, null, null, null, null),
                new SnapshotResults.Run("narrow", "ours", 2_000_000, 100_000_000, 4.0, 3.5, 50_000_000L, "128m",
                        null),
                new SnapshotResults.Run("narrow", DebeziumRowStream.NAME, 2_000_000, 100_000_000, 40.0, null, null, null,
                        null),
                new SnapshotResults.Run("wide", "mariadb-dump", 500_000, 250_000_000, 5.0, null, null, null, null),
                new SnapshotResults.Run("wide", "ours", 500_000, 250_000_000, 5.0, 2.0, 60_000_000L, "128m", null),
                new SnapshotResults.Run("wide", DebeziumRowStream.NAME, 1234, 250_000_000, 0, null, null, null,
                        "received 1234 of 500000 rows within 300 s")));

        String json = new Summary(List.of(), List.of(), List.of(), null, snapshot).toJson(Map.of(), Map.of());

        JsonNode tree = JsonMapper.builder().build().readTree(json);
        assertThat(tree.get("snapshot_rows_per_s_ours").asDouble()).isEqualTo(500_000.0);
        assertThat(tree.get("snapshot_rows_per_s_mariadb_dump").asDouble()).isEqualTo(1_000_000.0);
        assertThat(tree.get("snapshot_rows_per_s_debezium").asDouble()).isEqualTo(50_000.0);
        JsonNode section = tree.get("snapshot");
        assertThat(section.get("mb_per_s_denominator").asText()).startsWith("the table's DATA_LENGTH");
        assertThat(section.get("chunk_size_ours").asInt()).isEqualTo(1000);
        JsonNode ours = section.get("runs").get(1);
        assertThat(ours.get("tool").asText()).isEqualTo("ours");
        assertThat(ours.get("mb_per_s").asDouble()).isEqualTo(25.0);
        assertThat(ours.get("cpu_seconds").asDouble()).isEqualTo(3.5);
        assertThat(ours.get("peak_heap_bytes").asLong()).isEqualTo(50_000_000L);
        assertThat(ours.get("xmx").asText()).isEqualTo("128m");
        JsonNode failed = section.get("runs").get(5);
        assertThat(failed.get("rows_per_s").isNull()).isTrue();
        assertThat(failed.get("error").asText()).isEqualTo("received 1234 of 500000 rows within 300 s");
        assertThat(section.get("ratios").get(0).get("ours_vs_mariadb_dump").asDouble()).isEqualTo(0.5);
        assertThat(section.get("ratios").get(0).get("ours_vs_debezium").asDouble()).isEqualTo(10.0);
        assertThat(section.get("ratios").get(1).get("ours_vs_mariadb_dump").asDouble()).isEqualTo(1.0);
        assertThat(section.get("ratios").get(1).get("ours_vs_debezium").isNull()).isTrue();

        assertThat(SummaryTable.render(new Summary(List.of(), List.of(), List.of(), null, snapshot)))
                .contains("| narrow | ours | 2,000,000 | 4.00 | 500,000 | 25.0 | 3.50 | 50.0 |")
                .contains("| narrow | Debezium embedded | 2,000,000 | 40.00 | 50,000 | 2.5 | – | – |")
                .contains("Debezium embedded on wide failed: received 1234 of 500000 rows within 300 s")
                .contains("| narrow | 0.50× | 10.00× |")
                .contains("| wide | 1.00× | – |");
    }

    @Test
    void snapshotKeysAreNullWhenTheSnapshotWasNotMeasured() {
        String json = new Summary(List.of(), List.of(), List.of(), null, null).toJson(Map.of(), Map.of());

        JsonNode tree = JsonMapper.builder().build().readTree(json);
        assertThat(tree.get("snapshot_rows_per_s_ours").isNull()).isTrue();
        assertThat(tree.has("snapshot")).isFalse();
    }
}
