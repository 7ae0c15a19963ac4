package dev.binlog.bench;

import dev.binlog.bench.SnapshotResults.Run;
import dev.binlog.stream.SnapshotSettings;
import dev.binlog.testsupport.MariaDbProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copying a whole table, as a consistent snapshot does: a narrow table of 2,000,000 rows ({@code id BIGINT PRIMARY KEY,
 * a INT, b INT, c INT}) and a 50-column one of 500,000 rows ({@link WideTable}), each read by
 * {@code mariadb-dump --single-transaction} to {@code /dev/null} (the practical ceiling), by Debezium's embedded engine
 * taking its {@code initial_only} snapshot into a consumer that only counts, and by our client with
 * {@code SnapshotMode.INITIAL_ONLY} into a listener that reads every value, in a JVM of its own with {@code -Xmx128m}
 * ({@link SnapshotProbe}) so that a heap bounded by one chunk is shown, not assumed. MB/s is
 * {@value SnapshotResults#MB_DENOMINATOR}.
 *
 * <p>Alone, from the {@code benchmarks} folder after {@code ./mvnw -B -ntp -o -pl benchmarks -am -DskipTests compile
 * dependency:build-classpath -Dmdep.outputFile=target/cp.txt}: {@code java -cp target/classes:$(cat target/cp.txt)
 * dev.binlog.bench.SnapshotBenchmark}; it starts its own server and writes {@code target/snapshot-summary.json}.
 * {@code -Dbinlog.bench.snapshot.scale=0.01} scales both row counts (a smoke run), and
 * {@code -Dbinlog.bench.snapshot.chunk=N} sets our chunk size (default {@value SnapshotSettings#DEFAULT_CHUNK_SIZE}),
 * {@code -Dbinlog.bench.snapshot.tools=ours,mariadb-dump} runs only those (default all three, Debezium's name being
 * {@value DebeziumRowStream#NAME}); {@code -Dbinlog.bench.jfr=ours_snapshot} records our copies in
 * {@code target/profiles/snapshot-<table>.jfr} ({@link JfrTop} prints the hot methods).
 */
public final class SnapshotBenchmark {

    static final long NARROW_ROWS = 2_000_000;
    static final long WIDE_ROWS = 500_000;
    static final String XMX = "128m";
    /** {@code -Dbinlog.bench.jfr=ours_snapshot} (or {@code all}) records our copies, as for the catch-up. */
    static final String JFR_NAME = "ours_snapshot";
    private static final Path MARIADB_DUMP = Path.of("/usr/bin/mariadb-dump");

    private final MariaDbProcess server;
    private final double scale;
    private final int chunkSize;
    private final List<String> tools;

    public SnapshotBenchmark(MariaDbProcess server) {
        this.server = server;
        this.scale = Double.parseDouble(System.getProperty("binlog.bench.snapshot.scale", "1"));
        this.chunkSize = Integer.getInteger("binlog.bench.snapshot.chunk", SnapshotSettings.DEFAULT_CHUNK_SIZE);
        this.tools = List.of(System.getProperty("binlog.bench.snapshot.tools",
                "mariadb-dump,ours," + DebeziumRowStream.NAME).split(","));
    }

    public SnapshotResults run() throws Exception {
        long started = System.nanoTime();
        execute(null, "CREATE DATABASE IF NOT EXISTS bench");
        List<Run> runs = new ArrayList<>();
        long narrow = scaled(NARROW_ROWS);
        runs.addAll(table("narrow", "snap_narrow", narrow,
                "CREATE TABLE snap_narrow (id BIGINT PRIMARY KEY, a INT, b INT, c INT)",
                "INSERT INTO snap_narrow SELECT seq, seq, seq * 2, seq * 3 FROM seq_1_to_" + narrow));
        long wide = scaled(WIDE_ROWS);
        // The corpus's rows of 100 per loop turn i, numbered on: the same values, in key order, in one statement.
        runs.addAll(table("wide", "snap_wide", wide, WideTable.ddl("snap_wide"),
                "INSERT INTO snap_wide SELECT (i - 1) * 100 + seq, " + WideTable.values() + " FROM (SELECT"
                        + " (seq - 1) DIV 100 + 1 AS i, (seq - 1) % 100 + 1 AS seq FROM seq_1_to_" + wide + ") t"));
        System.out.printf("snapshot: done in %.0f s%n", (System.nanoTime() - started) / 1e9);
        return new SnapshotResults(chunkSize, runs);
    }

    /** Row counts scaled by {@code binlog.bench.snapshot.scale}, whole hundreds (the wide table's fill needs it). */
    private long scaled(long rows) {
        return Math.max(100, Math.round(rows * scale / 100) * 100);
    }

    private List<Run> table(String label, String name, long rows, String ddl, String fill) throws Exception {
        long filling = System.nanoTime();
        // Not in the binary log: the copy reads tables, and 300 MB of row events would only slow the fill.
        execute("bench", "SET SESSION sql_log_bin = 0", "DROP TABLE IF EXISTS " + name, ddl, fill,
                "ANALYZE TABLE " + name);
        long dataLength = dataLength(name);
        System.out.printf("snapshot: %s: %,d rows, DATA_LENGTH %.1f MB, filled in %.0f s%n", name, rows,
                dataLength / 1e6, (System.nanoTime() - filling) / 1e9);
        awaitCleanPages();
        List<Run> runs = new ArrayList<>();
        if (tools.contains("mariadb-dump")) {
            runs.add(mariadbDump(label, name, rows, dataLength));
        }
        if (tools.contains("ours")) {
            runs.add(ours(label, "bench." + name, rows, dataLength));
        }
        if (tools.contains(DebeziumRowStream.NAME)) {
            runs.add(debezium(label, "bench." + name, rows, dataLength));
        }
        runs.forEach(r -> System.out.printf("snapshot: %s %s: %,d rows in %.2f s = %,.0f rows/s, %.1f MB/s%s%s%s%n",
                r.table(), r.tool(), r.rows(), r.seconds(), r.rowsPerS(), r.mbPerS(),
                r.cpuSeconds() == null ? "" : String.format(", %.2f CPU s", r.cpuSeconds()),
                r.peakHeapBytes() == null ? "" : String.format(", peak heap %.1f MB of -Xmx%s",
                        r.peakHeapBytes() / 1e6, r.xmx()),
                r.error() == null ? "" : " FAILED: " + r.error()));
        // The next table gets the buffer pool to itself.
        execute("bench", "DROP TABLE " + name);
        return runs;
    }

    private Run mariadbDump(String label, String name, long rows, long dataLength) throws Exception {
        if (!Files.isExecutable(MARIADB_DUMP)) {
            return new Run(label, "mariadb-dump", 0, dataLength, 0, null, null, null,
                    MARIADB_DUMP + " is not installed");
        }
        Path log = Files.createTempFile("mariadb-dump", ".log");
        try {
            List<String> command = new ArrayList<>(List.of(MARIADB_DUMP.toString(), "--no-defaults",
                    "--protocol=TCP", "--host=" + server.host(), "--port=" + server.port(),
                    "--user=" + server.adminUser(), "--single-transaction", "bench", name));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile());
            if (!server.adminPassword().isEmpty()) {
                builder.environment().put("MYSQL_PWD", server.adminPassword());
            }
            long start = System.nanoTime();
            Process p = builder.start();
            boolean done = p.waitFor(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                return new Run(label, "mariadb-dump", 0, dataLength, seconds, null, null, null,
                        (done ? "exited " + p.exitValue() : "not done after 10 min") + ": "
                                + Files.readString(log).strip());
            }
            return new Run(label, "mariadb-dump", rows, dataLength, seconds, null, null, null, null);
        } finally {
            Files.delete(log);
        }
    }

    private Run ours(String label, String table, long rows, long dataLength) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + XMX));
        String jfr = System.getProperty("binlog.bench.jfr", "");
        if (jfr.equals("all") || List.of(jfr.split(",")).contains(JFR_NAME)) {
            Path file = Path.of("target", "profiles", "snapshot-" + label + ".jfr").toAbsolutePath();
            Files.createDirectories(file.getParent());
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + file);
            System.out.println("snapshot: recording our copy of " + table + " to " + file);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SnapshotProbe.class.getName(),
                server.host(), String.valueOf(server.port()), server.adminUser(), server.adminPassword(), table,
                String.valueOf(chunkSize)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(11, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        Map<String, String> probe = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("snapshot-probe ")) {
                for (String field : line.substring("snapshot-probe ".length()).trim().split(" ")) {
                    String[] kv = field.split("=", 2);
                    probe.put(kv[0], kv.length < 2 ? "" : kv[1]);
                }
            }
        }
        if (!probe.containsKey("rows") || process.exitValue() != 0) {
            return new Run(label, "ours", 0, dataLength, 0, null, null, XMX,
                    "probe exited " + process.exitValue() + ": " + lastLines(output));
        }
        long seen = Long.parseLong(probe.get("rows"));
        String error = !probe.get("error").isEmpty() ? probe.get("error")
                : seen != rows ? "delivered " + seen + " of " + rows + " rows" : null;
        return new Run(label, "ours", seen, dataLength, Double.parseDouble(probe.get("seconds")),
                Double.parseDouble(probe.get("cpuSeconds")), Long.parseLong(probe.get("peakHeap")), XMX, error);
    }

    private Run debezium(String label, String table, long rows, long dataLength) throws Exception {
        AtomicLong seen = new AtomicLong();
        long[] last = new long[1];
        // Debezium snapshots about 20,000 narrow rows/s here; a generous bound, so a slow run is measured, not cut.
        long limit = Math.max(300, rows / 2_000);
        DebeziumRowStream debezium = new DebeziumRowStream(server);
        String error = null;
        long start = System.nanoTime();
        try {
            debezium.startSnapshot(table, id -> {
                if (seen.incrementAndGet() == rows) {
                    last[0] = System.nanoTime();
                }
            });
            long deadline = start + TimeUnit.SECONDS.toNanos(limit);
            while (seen.get() < rows && error == null) {
                if (debezium.failed()) {
                    error = debezium.toString();
                } else if (System.nanoTime() > deadline) {
                    error = "received " + seen.get() + " of " + rows + " rows within " + limit + " s";
                }
                Thread.sleep(2);
            }
        } catch (Exception e) {
            error = e.toString();
        } finally {
            debezium.close();
        }
        return new Run(label, DebeziumRowStream.NAME, seen.get(), dataLength,
                error == null ? (last[0] - start) / 1e9 : 0, null, null, null, error);
    }

    private long dataLength(String name) throws SQLException {
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DATA_LENGTH FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = 'bench' AND TABLE_NAME = '" + name + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Waits (30 s at most) until InnoDB wrote the fill's dirty pages, so that its background flushing does not share
     * the two cores with the first tool measured.
     */
    private void awaitCleanPages() throws SQLException, InterruptedException {
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
            String pct;
            try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.innodb_max_dirty_pages_pct")) {
                rs.next();
                pct = rs.getString(1);
            }
            s.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline && dirtyPages(s) > 100) {
                    Thread.sleep(200);
                }
            } finally {
                s.execute("SET GLOBAL innodb_max_dirty_pages_pct = " + pct);
            }
        }
    }

    private static long dirtyPages(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private void execute(String database, String... statements) throws SQLException {
        try (Connection c = server.adminConnection(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String lastLines(String output) {
        String[] lines = output.strip().split("\n");
        return String.join(" | ", Arrays.copyOfRange(lines, Math.max(0, lines.length - 3), lines.length));
    }

    /** Standalone: its own server, the two tables, the printed table and {@code target/snapshot-summary.json}. */
    public static void main(String[] args) throws Exception {
        MariaDbProcess server = BenchServer.start("bench-snapshot");
        int status = 1;
        try {
            SnapshotResults results = new SnapshotBenchmark(server).run();
            Path out = Path.of("target", "snapshot-summary.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, Summary.json(Summary.snapshotSection(results)));
            System.out.println(SummaryTable.snapshot(results));
            System.out.println("wrote " + out.toAbsolutePath());
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            server.stop();
            // Engine threads of a Debezium run that failed would keep the JVM alive.
            System.exit(status);
        }
    }
}
