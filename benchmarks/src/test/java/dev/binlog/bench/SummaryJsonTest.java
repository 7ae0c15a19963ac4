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
        String json = new Summary(List.of(narrow), List.of(), List.of(), e2e).toJson(Map.of("cpus", 2),
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

        String tables = SummaryTable.render(new Summary(List.of(narrow), List.of(), figures, e2e));

        assertThat(tables).contains("| ours ÷ connector-j fast (bytes) | ours ÷ connector-j equal work |")
                .contains("| narrow_1 | – | 3.00× | 6.00× |")
                .contains("| Debezium embedded |")
                .contains("| embedded 11.4 | 2.00 M | – | – | 0.03 M | – |");
    }
}
