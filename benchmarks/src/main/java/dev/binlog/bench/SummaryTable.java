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
        return out.toString();
    }

    private static String num(Object value) {
        if (!(value instanceof Double d)) {
            return "–";
        }
        return Math.abs(d) >= 100 ? String.format("%,.0f", d) : String.format("%.1f", d);
    }

    private static String millions(Double rowsPerS) {
        return rowsPerS == null ? "–" : String.format("%.2f M", rowsPerS / 1e6);
    }

    private static String ratio(Object value) {
        return value instanceof Double d ? String.format("%.2f×", d) : "–";
    }

}
