package dev.binlog.bench;

import dev.binlog.bench.EndToEndResults.Latency;
import dev.binlog.bench.EndToEndResults.Throughput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the measurements into {@code summary.json}: the headline figures scripts follow over time, and the detail per
 * workload and decoder. Rates are converted from JMH's files per second with the rows, events and bytes each file
 * holds; ratios are ours divided by the other decoder's figure from the same run.
 */
final class Summary {

    private final List<CorpusFile> corpus;
    private final List<FixtureFile> fixtures;
    private final List<DecodeFigure> figures;
    private final EndToEndResults e2e;
    private final SnapshotResults snapshot;
    private final KafkaResults kafka;

    /** {@code e2e} and {@code snapshot} are null when not measured. */
    Summary(List<CorpusFile> corpus, List<FixtureFile> fixtures, List<DecodeFigure> figures, EndToEndResults e2e,
            SnapshotResults snapshot) {
        this(corpus, fixtures, figures, e2e, snapshot, null);
    }

    /** {@code e2e}, {@code snapshot} and {@code kafka} are null when not measured. */
    Summary(List<CorpusFile> corpus, List<FixtureFile> fixtures, List<DecodeFigure> figures, EndToEndResults e2e,
            SnapshotResults snapshot, KafkaResults kafka) {
        this.corpus = corpus;
        this.fixtures = fixtures;
        this.figures = figures;
        this.e2e = e2e;
        this.snapshot = snapshot;
        this.kafka = kafka;
    }

    /** The Kafka runs, or null when not measured. */
    KafkaResults kafka() {
        return kafka;
    }

    /** The snapshot runs, or null when not measured. */
    SnapshotResults snapshot() {
        return snapshot;
    }

    /** summary.json: {@link #toMap} as indented JSON, a figure that could not be computed (NaN) as null. */
    String toJson(Map<String, Object> machine, Map<String, Object> run) {
        return json(toMap(machine, run));
    }

    /** {@code map} as indented JSON, a top-level figure that could not be computed (NaN) as null. */
    static String json(Map<String, Object> map) {
        map.replaceAll((key, value) -> value instanceof Double d && !Double.isFinite(d) ? null : value);
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(map) + "\n";
    }

    Map<String, Object> toMap(Map<String, Object> machine, Map<String, Object> run) {
        List<CorpusFile> common = corpus.stream().filter(f -> Workload.byName(f.name()).connectorJDecodes()).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decode_rows_per_s_ours", corpusRate("ours", common));
        m.put("decode_rows_per_s_connector_j", corpusRate("connectorJDefault", common));
        m.put("decode_rows_per_s_connector_j_fast", corpusRate("connectorJFast", common));
        m.put("decode_rows_per_s_connector_j_equal_work", corpusRate("connectorJEqualWork", common));
        m.put("decode_alloc_bytes_per_row_ours", corpusAlloc("ours", common));
        m.put("decode_alloc_bytes_per_row_connector_j", corpusAlloc("connectorJDefault", common));
        m.put("decode_alloc_bytes_per_row_connector_j_fast", corpusAlloc("connectorJFast", common));
        m.put("decode_alloc_bytes_per_row_connector_j_equal_work", corpusAlloc("connectorJEqualWork", common));
        m.put("scan_rows_per_s", corpusRate("scanOnly", common));
        m.put("decode_corpus_note", "headline decode figures: the whole corpus except 'compressed' (which"
                + " connector-j cannot read), rows / sum of per-file times; per-workload detail below");
        m.put("e2e_rows_per_s", e2e == null ? null : e2e.throughput().stream()
                .filter(t -> t.client().equals("ours")).mapToDouble(Throughput::clientRowsPerS).max().orElse(Double.NaN));
        m.put("e2e_p99_ms", e2e == null ? null : e2e.latency().stream().filter(l -> l.client().equals("ours"))
                .map(Latency::p99Ms).findFirst().orElse(null));
        m.put("catch_up_rows_per_s_ours", e2e == null ? null : catchUpRate("ours"));
        m.put("catch_up_rows_per_s_connector_j", e2e == null ? null : catchUpRate("connector_j_default"));
        m.put("catch_up_rows_per_s_debezium", e2e == null ? null : catchUpRate(DebeziumRowStream.NAME));
        String debian = EndToEnd.DEBIAN_SUFFIX;
        m.put("catch_up_rows_per_s_mariadb_binlog_raw", e2e == null ? null : catchUpRate("mariadb-binlog" + debian));
        m.put("catch_up_rows_per_s_ours_same_server_as_raw", e2e == null ? null : catchUpRate("ours" + debian));
        m.put("snapshot_rows_per_s_ours", snapshotRate("narrow", "ours"));
        m.put("snapshot_rows_per_s_mariadb_dump", snapshotRate("narrow", "mariadb-dump"));
        m.put("snapshot_rows_per_s_debezium", snapshotRate("narrow", DebeziumRowStream.NAME));
        m.put("kafka_rows_per_s_ours_at_least_once", kafkaRate(KafkaBenchmark.AT_LEAST_ONCE));
        m.put("kafka_rows_per_s_ours_exactly_once", kafkaRate(KafkaBenchmark.EXACTLY_ONCE));
        m.put("kafka_ours_vs_producer_at_least_once", kafka == null ? null
                : finite(kafka.oursVs(KafkaBenchmark.AT_LEAST_ONCE, KafkaResults.PRODUCER)));
        m.put("kafka_ours_vs_producer_exactly_once", kafka == null ? null
                : finite(kafka.oursVs(KafkaBenchmark.EXACTLY_ONCE, KafkaResults.PRODUCER)));
        m.put("machine", machine);
        m.put("run", run);
        m.put("corpus", corpus.stream().map(f -> new CorpusEntry(f.name(), f.bytes(), f.events(), f.rows(),
                Workload.byName(f.name()).description())).toList());
        m.put("fixture_files", fixtures.size());
        m.put("fixture_value_differences", fixtures.stream().filter(f -> !f.difference().isEmpty())
                .map(FixtureFile::difference).toList());
        m.put("decode", decodeDetail());
        m.put("ratios", ratios());
        if (e2e != null) {
            m.put("e2e_throughput", e2e.throughput());
            m.put("e2e_latency", e2e.latency());
            m.put("catch_up", e2e.catchUp());
            m.put("memory", e2e.memory());
        }
        if (snapshot != null) {
            m.put("snapshot", snapshotSection(snapshot));
        }
        if (kafka != null) {
            m.put("kafka", kafkaSection(kafka));
        }
        return m;
    }

    private Double kafkaRate(String delivery) {
        return kafka == null ? null : finite(kafka.rate(delivery, KafkaResults.OURS));
    }

    /** The Kafka section: every run with its rows/s, and per delivery ours ÷ each producer of the same run. */
    static Map<String, Object> kafkaSection(KafkaResults results) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("rows", results.rows());
        section.put("rows_per_transaction", results.rowsPerTransaction());
        section.put("mean_record_bytes", finite(results.meanRecordBytes()));
        section.put("note", "rows/s = rows / seconds from the start (client started, producer built) to the last"
                + " record acknowledged (exactly-once: committed); the producers replay the sink's records with its"
                + " settings (acks=all, idempotent; exactly-once: one Kafka transaction per "
                + results.rowsPerTransaction() + " records); broker in the benchmark JVM");
        List<Map<String, Object>> runs = new ArrayList<>();
        for (KafkaResults.Run r : results.runs()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("delivery", r.delivery());
            row.put("publisher", r.publisher());
            row.put("records", r.records());
            row.put("start_seconds", r.startSeconds());
            row.put("seconds", r.seconds());
            row.put("rows_per_s", finite(r.rowsPerS()));
            row.put("error", r.error());
            runs.add(row);
        }
        section.put("runs", runs);
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (String delivery : results.runs().stream().map(KafkaResults.Run::delivery).distinct().toList()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("delivery", delivery);
            r.put("ours_vs_kafka_producer", finite(results.oursVs(delivery, KafkaResults.PRODUCER)));
            if (delivery.equals(KafkaBenchmark.AT_LEAST_ONCE)) {
                r.put("ours_vs_kafka_producer_awaiting_each_transaction",
                        finite(results.oursVs(delivery, KafkaResults.PRODUCER_AWAITING)));
            }
            ratios.add(r);
        }
        section.put("ratios", ratios);
        return section;
    }

    private Double snapshotRate(String table, String tool) {
        return snapshot == null ? null : finite(snapshotRun(snapshot, table, tool)
                .map(SnapshotResults.Run::rowsPerS).orElse(Double.NaN));
    }

    /**
     * The snapshot section: every run with its rows/s and MB/s (one denominator for all, said in the section), and per
     * table ours ÷ mariadb-dump and ours ÷ Debezium in rows/s, with the targets they are held to.
     */
    static Map<String, Object> snapshotSection(SnapshotResults results) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("mb_per_s_denominator", SnapshotResults.MB_DENOMINATOR);
        section.put("chunk_size_ours", results.chunkSize());
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("ours_vs_mariadb_dump", 0.5);
        targets.put("ours_vs_debezium", 3.0);
        section.put("targets", targets);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (SnapshotResults.Run r : results.runs()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("table", r.table());
            row.put("tool", r.tool());
            row.put("rows", r.rows());
            row.put("seconds", r.seconds());
            row.put("cpu_seconds", r.cpuSeconds());
            row.put("rows_per_s", finite(r.rowsPerS()));
            row.put("mb_per_s", finite(r.mbPerS()));
            row.put("data_length_bytes", r.dataLengthBytes());
            row.put("peak_heap_bytes", r.peakHeapBytes());
            row.put("xmx", r.xmx());
            row.put("error", r.error());
            runs.add(row);
        }
        section.put("runs", runs);
        section.put("ratios", snapshotRatios(results));
        return section;
    }

    /** Per table, rows/s ours ÷ mariadb-dump and ours ÷ Debezium; null where either run failed or is missing. */
    static List<Map<String, Object>> snapshotRatios(SnapshotResults results) {
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (String table : results.runs().stream().map(SnapshotResults.Run::table).distinct().toList()) {
            double ours = snapshotRun(results, table, "ours").map(SnapshotResults.Run::rowsPerS).orElse(Double.NaN);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("table", table);
            r.put("ours_vs_mariadb_dump", finite(ours / snapshotRun(results, table, "mariadb-dump")
                    .map(SnapshotResults.Run::rowsPerS).orElse(Double.NaN)));
            r.put("ours_vs_debezium", finite(ours / snapshotRun(results, table, DebeziumRowStream.NAME)
                    .map(SnapshotResults.Run::rowsPerS).orElse(Double.NaN)));
            ratios.add(r);
        }
        return ratios;
    }

    private static Optional<SnapshotResults.Run> snapshotRun(SnapshotResults results, String table, String tool) {
        return results.runs().stream().filter(r -> r.table().equals(table) && r.tool().equals(tool)).findFirst();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private Double corpusRate(String decoder, List<CorpusFile> files) {
        double rows = 0;
        double seconds = 0;
        for (CorpusFile f : files) {
            Optional<DecodeFigure> figure = figure(decoder, f.name());
            if (figure.isEmpty()) {
                return null;
            }
            rows += f.rows();
            seconds += 1 / figure.get().opsPerS();
        }
        return rows / seconds;
    }

    private Double corpusAlloc(String decoder, List<CorpusFile> files) {
        double bytes = 0;
        double rows = 0;
        for (CorpusFile f : files) {
            Optional<DecodeFigure> figure = figure(decoder, f.name());
            if (figure.isEmpty() || figure.get().allocBytesPerOp() == null) {
                return null;
            }
            bytes += figure.get().allocBytesPerOp();
            rows += f.rows();
        }
        return bytes / rows;
    }

    /** Catch-up rows/s per server (the embedded one, then Debian's) and client, for the printed table. */
    Map<String, Map<String, Double>> catchUpTable() {
        Map<String, Map<String, Double>> byServer = new LinkedHashMap<>();
        if (e2e == null) {
            return byServer;
        }
        for (EndToEndResults.CatchUp c : e2e.catchUp()) {
            boolean debian = c.client().endsWith(EndToEnd.DEBIAN_SUFFIX);
            String client = debian ? c.client().substring(0, c.client().length() - EndToEnd.DEBIAN_SUFFIX.length())
                    : c.client();
            byServer.computeIfAbsent(debian ? "Debian 10.11" : "embedded 11.4", k -> new LinkedHashMap<>())
                    .put(client, c.rows() / c.streamingSeconds());
        }
        return byServer;
    }

    private Double catchUpRate(String client) {
        return e2e.catchUp().stream().filter(c -> c.client().equals(client)).findFirst()
                .map(c -> c.rows() / c.streamingSeconds()).orElse(null);
    }

    List<Map<String, Object>> decodeDetail() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DecodeFigure f : figures) {
            Counts c = counts(f.decoder(), f.workload());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("workload", f.workload());
            r.put("decoder", f.decoder());
            r.put("files_per_s", f.opsPerS());
            r.put("files_per_s_error", f.opsPerSError());
            r.put("rows_per_s", f.opsPerS() * c.rows());
            r.put("rows_per_s_error", f.opsPerSError() * c.rows());
            r.put("events_per_s", f.opsPerS() * c.events());
            r.put("mb_per_s", f.opsPerS() * c.bytes() / 1e6);
            r.put("alloc_bytes_per_row", f.allocBytesPerOp() == null || c.rows() == 0 ? null
                    : f.allocBytesPerOp() / c.rows());
            rows.add(r);
        }
        return rows;
    }

    List<Map<String, Object>> ratios() {
        List<String> workloads = figures.stream().map(DecodeFigure::workload).distinct().toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String w : workloads) {
            Optional<DecodeFigure> ours = figure("ours", w);
            if (ours.isEmpty()) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("workload", w);
            r.put("ours_vs_connector_j_default", rowRatio(ours.get(), "connectorJDefault", w));
            r.put("ours_vs_connector_j_fast", rowRatio(ours.get(), "connectorJFast", w));
            r.put("ours_vs_connector_j_equal_work", rowRatio(ours.get(), "connectorJEqualWork", w));
            r.put("ours_vs_scan_only", rowRatio(ours.get(), "scanOnly", w));
            r.put("alloc_per_row_ours_vs_connector_j_default", allocRatio(ours.get(), "connectorJDefault", w));
            r.put("alloc_per_row_ours_vs_connector_j_fast", allocRatio(ours.get(), "connectorJFast", w));
            r.put("alloc_per_row_ours_vs_connector_j_equal_work", allocRatio(ours.get(), "connectorJEqualWork", w));
            rows.add(r);
        }
        return rows;
    }

    /** Rows/s ours ÷ rows/s theirs (for scan-only, files/s: it counts no rows). */
    private Double rowRatio(DecodeFigure ours, String other, String workload) {
        return figure(other, workload).map(o -> other.equals("scanOnly") ? ours.opsPerS() / o.opsPerS()
                : ours.opsPerS() * counts("ours", workload).rows()
                        / (o.opsPerS() * counts(other, workload).rows())).orElse(null);
    }

    private Double allocRatio(DecodeFigure ours, String other, String workload) {
        return figure(other, workload).filter(o -> o.allocBytesPerOp() != null && ours.allocBytesPerOp() != null)
                .map(o -> (ours.allocBytesPerOp() / counts("ours", workload).rows())
                        / (o.allocBytesPerOp() / counts(other, workload).rows())).orElse(null);
    }

    Optional<DecodeFigure> figure(String decoder, String workload) {
        return figures.stream().filter(f -> f.decoder().equals(decoder) && f.workload().equals(workload)).findFirst();
    }

    private record CorpusEntry(String workload, long bytes, long events, long rows, String description) {
    }

    private record Counts(long rows, long events, long bytes) {
    }

    /** What one operation covers for this decoder: connector-j finds fewer rows in a few fixture files. */
    private Counts counts(String decoder, String workload) {
        if (workload.equals(DecodeFigure.FIXTURES)) {
            boolean ours = !decoder.startsWith("connectorJ");
            return new Counts(fixtures.stream().mapToLong(f -> ours ? f.rows() : f.rowsConnectorJ()).sum(),
                    fixtures.stream().mapToLong(FixtureFile::events).sum(),
                    fixtures.stream().mapToLong(FixtureFile::bytes).sum());
        }
        CorpusFile f = corpus.stream().filter(c -> c.name().equals(workload)).findFirst().orElseThrow();
        return new Counts(f.rows(), f.events(), f.bytes());
    }
}
