package dev.binlog.bench;

import java.util.Map;

/** The decode figures as Markdown tables, printed at the end of a run (and pasted into BENCHMARKS.md). */
final class SummaryTable {

    private SummaryTable() {
    }

    static String render(Summary summary) {
        StringBuilder out = new StringBuilder();
        out.append("| workload | decoder | rows/s | ± | events/s | MB/s | B alloc/row |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> r : summary.decodeDetail()) {
            out.append(String.format("| %s | %s | %s | %s | %s | %s | %s |%n", r.get("workload"), r.get("decoder"),
                    num(r.get("rows_per_s")), num(r.get("rows_per_s_error")), num(r.get("events_per_s")),
                    num(r.get("mb_per_s")), num(r.get("alloc_bytes_per_row"))));
        }
        out.append("\n| workload | ours ÷ connector-j default | ours ÷ connector-j fast (bytes)"
                + " | ours ÷ connector-j equal work | ours ÷ scan-only | alloc/row ours ÷ default"
                + " | alloc/row ours ÷ fast | alloc/row ours ÷ equal work |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> r : summary.ratios()) {
            out.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.get("workload"),
                    ratio(r.get("ours_vs_connector_j_default")), ratio(r.get("ours_vs_connector_j_fast")),
                    ratio(r.get("ours_vs_connector_j_equal_work")), ratio(r.get("ours_vs_scan_only")),
                    ratio(r.get("alloc_per_row_ours_vs_connector_j_default")),
                    ratio(r.get("alloc_per_row_ours_vs_connector_j_fast")),
                    ratio(r.get("alloc_per_row_ours_vs_connector_j_equal_work"))));
        }
        Map<String, Map<String, Double>> catchUp = summary.catchUpTable();
        if (!catchUp.isEmpty()) {
            out.append("\nCatch-up (rows/s, streaming time only):\n\n| server | ours | Spring `@BinlogListener`"
                    + " | connector-j | Debezium embedded | `mariadb-binlog --raw` |\n|---|---:|---:|---:|---:|---:|\n");
            catchUp.forEach((server, rates) -> out.append(String.format("| %s | %s | %s | %s | %s | %s |%n", server,
                    millions(rates.get("ours")), millions(rates.get("ours_spring")),
                    millions(rates.get("connector_j_default")), millions(rates.get(DebeziumRowStream.NAME)),
                    millions(rates.get("mariadb-binlog")))));
        }
        if (summary.snapshot() != null) {
            out.append('\n').append(snapshot(summary.snapshot()));
        }
        if (summary.kafka() != null) {
            out.append('\n').append(kafka(summary.kafka()));
        }
        return out.toString();
    }

    /** The Kafka runs, then ours ÷ the plain producer per delivery. */
    static String kafka(KafkaResults results) {
        StringBuilder out = new StringBuilder(String.format("Kafka (%,d narrow rows, %d per transaction, records of"
                + " %.0f bytes; rows/s from start to the last record acknowledged or committed):%n%n"
                + "| delivery | publisher | records | s | first record after s | rows/s |%n"
                + "|---|---|---:|---:|---:|---:|%n",
                results.rows(), results.rowsPerTransaction(), results.meanRecordBytes()));
        StringBuilder failures = new StringBuilder();
        for (KafkaResults.Run r : results.runs()) {
            out.append(String.format("| %s | %s | %,d | %.2f | %.2f | %s |%n", r.delivery(), r.publisher(),
                    r.records(), r.seconds(), r.startSeconds(), num(finite(r.rowsPerS()))));
            if (r.error() != null) {
                failures.append(String.format("%n%s %s failed: %s", r.delivery(), r.publisher(), r.error()));
            }
        }
        out.append(failures);
        out.append("\n| delivery | ours ÷ Kafka producer | ours ÷ producer awaiting each transaction |\n"
                + "|---|---:|---:|\n");
        for (String delivery : results.runs().stream().map(KafkaResults.Run::delivery).distinct().toList()) {
            out.append(String.format("| %s | %s | %s |%n", delivery,
                    ratio(finite(results.oursVs(delivery, KafkaResults.PRODUCER))),
                    ratio(finite(results.oursVs(delivery, KafkaResults.PRODUCER_AWAITING)))));
        }
        return out.toString();
    }

    /** The snapshot runs, then ours ÷ the others per table. */
    static String snapshot(SnapshotResults results) {
        StringBuilder out = new StringBuilder("Snapshot (MB/s: DATA_LENGTH / seconds; ours in a JVM with -Xmx"
                + SnapshotBenchmark.XMX + ", chunks of " + results.chunkSize() + " rows):\n\n"
                + "| table | tool | rows | s | rows/s | MB/s | client CPU s | peak heap MB |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder failures = new StringBuilder();
        for (SnapshotResults.Run r : results.runs()) {
            String tool = r.tool().equals(DebeziumRowStream.NAME) ? "Debezium embedded" : r.tool();
            out.append(String.format("| %s | %s | %,d | %.2f | %s | %s | %s | %s |%n", r.table(), tool, r.rows(),
                    r.seconds(), num(finite(r.rowsPerS())), num(finite(r.mbPerS())),
                    r.cpuSeconds() == null ? "–" : String.format("%.2f", r.cpuSeconds()),
                    r.peakHeapBytes() == null ? "–" : String.format("%.1f", r.peakHeapBytes() / 1e6)));
            if (r.error() != null) {
                failures.append(String.format("%n%s on %s failed: %s", tool, r.table(), r.error()));
            }
        }
        out.append(failures);
        out.append("\n| table | ours ÷ mariadb-dump (target ≥ 0.5) | ours ÷ Debezium (target ≥ 3) |\n"
                + "|---|---:|---:|\n");
        for (Map<String, Object> r : Summary.snapshotRatios(results)) {
            out.append(String.format("| %s | %s | %s |%n", r.get("table"), ratio(r.get("ours_vs_mariadb_dump")),
                    ratio(r.get("ours_vs_debezium"))));
        }
        return out.toString();
    }

    private static String num(Object value) {
        if (!(value instanceof Double d)) {
            return "–";
        }
        return Math.abs(d) >= 100 ? String.format("%,.0f", d) : String.format("%.1f", d);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String millions(Double rowsPerS) {
        return rowsPerS == null ? "–" : String.format("%.2f M", rowsPerS / 1e6);
    }

    private static String ratio(Object value) {
        return value instanceof Double d ? String.format("%.2f×", d) : "–";
    }

}
