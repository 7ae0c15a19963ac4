package dev.binlog.bench;

import dev.binlog.testsupport.MariaDbProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The two memory runs of the benchmark: one transaction of about 1 GiB streamed by a JVM with {@code -Xmx128m}, and
 * one row with a 64 MiB value by a JVM with {@code -Xmx256m}; each in a {@link MemoryProbe} process of its own.
 */
final class MemoryRuns {

    private static final int BIG_TRANSACTION_ROWS = 1_048_576;
    private static final int BIG_TRANSACTION_ROW_BYTES = 1_000;
    private static final int BIG_VALUE_BYTES = 64 << 20;

    private final MariaDbProcess server;

    MemoryRuns(MariaDbProcess server) {
        this.server = server;
    }

    List<Map<String, Object>> run() throws Exception {
        List<Map<String, Object>> results = new ArrayList<>();
        String[] at = position();
        execute("CREATE TABLE IF NOT EXISTS bench.mem_big_tx (id INT PRIMARY KEY, payload VARBINARY(1000))",
                "INSERT INTO bench.mem_big_tx SELECT seq, REPEAT('x', " + BIG_TRANSACTION_ROW_BYTES + ") FROM seq_1_to_"
                        + BIG_TRANSACTION_ROWS);
        results.add(probe("one transaction of " + BIG_TRANSACTION_ROWS + " rows x " + BIG_TRANSACTION_ROW_BYTES
                + " B (~1 GiB)", "128m", at, "bench.mem_big_tx", BIG_TRANSACTION_ROWS));
        at = position();
        execute("CREATE TABLE IF NOT EXISTS bench.mem_big_value (id INT PRIMARY KEY, payload LONGBLOB)",
                "INSERT INTO bench.mem_big_value VALUES (1, REPEAT('y', " + BIG_VALUE_BYTES + "))");
        results.add(probe("one row with a 64 MiB LONGBLOB", "256m", at, "bench.mem_big_value", 1));
        results.forEach(r -> System.out.println("memory: " + r));
        return results;
    }

    private Map<String, Object> probe(String what, String xmx, String[] at, String table, long rows)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx" + xmx, "-cp",
                System.getProperty("java.class.path"), MemoryProbe.class.getName(), server.host(),
                String.valueOf(server.port()), server.adminUser(), server.adminPassword(), at[0], at[1], table,
                String.valueOf(rows)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run", what);
        result.put("xmx", xmx);
        for (String line : output.split("\n")) {
            if (line.startsWith("memory-probe ")) {
                for (String field : line.substring("memory-probe ".length()).trim().split(" ")) {
                    String[] kv = field.split("=", 2);
                    result.put(kv[0], kv.length < 2 ? "" : kv[1]);
                }
            }
        }
        if (!result.containsKey("rows") || process.exitValue() != 0) {
            result.put("error", "probe exited " + process.exitValue() + ": " + lastLines(output));
        }
        return result;
    }

    private static String lastLines(String output) {
        String[] lines = output.strip().split("\n");
        return String.join(" | ", Arrays.copyOfRange(lines, Math.max(0, lines.length - 3), lines.length));
    }

    private String[] position() throws SQLException {
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement();
             var rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = server.adminConnection("bench"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
