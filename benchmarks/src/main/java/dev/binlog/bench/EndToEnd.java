package dev.binlog.bench;

import dev.binlog.bench.ConnectorJDecoder.Mode;
import dev.binlog.bench.EndToEndResults.CatchUp;
import dev.binlog.bench.EndToEndResults.Latency;
import dev.binlog.bench.EndToEndResults.Throughput;
import dev.binlog.testsupport.MariaDbProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Rows committed in the embedded MariaDB, streamed to a listener: sustained rows/s per batch size, commit-to-listener
 * latency at a fixed rate, and catch-up over an existing file against {@code mariadb-binlog}'s raw dump.
 */
public final class EndToEnd {

    private static final int[] BATCHES = {1, 100, 10_000};
    private static final long[] BATCH_ROWS = {5_000, 200_000, 500_000};
    private static final int LATENCY_RATE = 5_000;
    private static final int LATENCY_BATCH = 10;
    private static final int LATENCY_SECONDS = 5;
    private static final int CATCH_UP_ROWS = 4_000_000;
    private static final Path MARIADB_BINLOG = Path.of("/usr/bin/mariadb-binlog");

    private final MariaDbProcess server;
    private long nextId = 1;

    public EndToEnd(MariaDbProcess server) {
        this.server = server;
    }

    public EndToEndResults run() throws Exception {
        createTable();
        List<Supplier<RowStream>> clients = clients();
        List<Throughput> throughput = new ArrayList<>();
        for (int i = 0; i < BATCHES.length; i++) {
            for (Supplier<RowStream> client : clients) {
                throughput.add(throughput(client.get(), BATCHES[i], BATCH_ROWS[i]));
                System.out.println("e2e: " + throughput.get(throughput.size() - 1));
            }
        }
        List<Latency> latency = new ArrayList<>();
        for (Supplier<RowStream> client : clients) {
            latency.add(latency(client.get()));
            System.out.println("e2e: " + latency.get(latency.size() - 1));
        }
        List<CatchUp> catchUp = new ArrayList<>(catchUp(clients, "", CATCH_UP_ROWS));
        Optional<MariaDbProcess> debian = BenchServer.startDebian("bench-catch-up");
        if (debian.isPresent()) {
            try {
                EndToEnd other = new EndToEnd(debian.get());
                other.createTable();
                catchUp.addAll(other.catchUp(other.clients(), DEBIAN_SUFFIX, CATCH_UP_ROWS));
            } finally {
                debian.get().stop();
            }
        } else {
            System.out.println("e2e: Debian's mariadb-server is not installed: no raw dump rate for catch-up");
        }
        catchUp.forEach(r -> System.out.println("e2e: " + r));
        return new EndToEndResults(throughput, latency, catchUp, new MemoryRuns(server).run());
    }

    /** Suffix of the catch-up results measured on Debian's MariaDB 10.11. */
    static final String DEBIAN_SUFFIX = "@debian-10.11";

    private void createTable() throws SQLException {
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS bench.e2e");
            s.execute("CREATE TABLE bench.e2e (id BIGINT PRIMARY KEY, a INT, b INT, c INT)");
        }
    }

    private List<Supplier<RowStream>> clients() {
        return List.of(() -> new OurRowStream(server), () -> new SpringRowStream(server),
                () -> new ConnectorJRowStream(server, Mode.DEFAULT), () -> new DebeziumRowStream(server));
    }

    private Throughput throughput(RowStream stream, int batch, long rows) throws Exception {
        long first = nextId;
        AtomicLong seen = new AtomicLong();
        long[] lastArrival = new long[1];
        try (Connection c = server.adminConnection("bench"); Statement s = c.createStatement();
             PreparedStatement insert = c.prepareStatement(insertSql(batch))) {
            String[] at = position(s);
            stream.start(at[0], Long.parseLong(at[1]), id -> {
                if (id >= first && seen.incrementAndGet() == rows) {
                    lastArrival[0] = System.nanoTime();
                }
            });
            long start = System.nanoTime();
            for (long written = 0; written < rows; written += batch) {
                insert.setLong(1, nextId);
                insert.executeUpdate();
                nextId += batch;
            }
            long committed = System.nanoTime();
            awaitRows(seen, rows, stream);
            stream.close();
            long arrived = lastArrival[0];
            return new Throughput(stream.name(), batch, rows, rows / seconds(start, committed),
                    rows / seconds(start, arrived), Math.max(0, arrived - committed) / 1e6);
        }
    }

    private Latency latency(RowStream stream) throws Exception {
        int transactions = LATENCY_RATE / LATENCY_BATCH * LATENCY_SECONDS;
        int rows = transactions * LATENCY_BATCH;
        long first = nextId;
        long[] arrival = new long[rows];
        long[] committed = new long[transactions];
        AtomicLong seen = new AtomicLong();
        try (Connection c = server.adminConnection("bench"); Statement s = c.createStatement();
             PreparedStatement insert = c.prepareStatement(insertSql(LATENCY_BATCH))) {
            String[] at = position(s);
            stream.start(at[0], Long.parseLong(at[1]), id -> {
                if (id >= first) {
                    arrival[(int) (id - first)] = System.nanoTime();
                    seen.incrementAndGet();
                }
            });
            long interval = TimeUnit.SECONDS.toNanos(1) * LATENCY_BATCH / LATENCY_RATE;
            long start = System.nanoTime();
            for (int t = 0; t < transactions; t++) {
                long due = start + t * interval;
                for (long now; (now = System.nanoTime()) < due; ) {
                    LockSupport.parkNanos(due - now);
                }
                insert.setLong(1, nextId);
                insert.executeUpdate();
                committed[t] = System.nanoTime();
                nextId += LATENCY_BATCH;
            }
            awaitRows(seen, rows, stream);
            stream.close();
        }
        double[] ms = new double[rows];
        long early = 0;
        for (int r = 0; r < rows; r++) {
            long delta = arrival[r] - committed[r / LATENCY_BATCH];
            if (delta < 0) {
                early++;
            }
            ms[r] = Math.max(0, delta) / 1e6;
        }
        Arrays.sort(ms);
        return new Latency(stream.name(), LATENCY_RATE, LATENCY_BATCH, rows, percentile(ms, 0.5),
                percentile(ms, 0.99), percentile(ms, 0.999), ms[rows - 1], early);
    }

    /** One closed file of {@code rows} rows (a multiple of 10,000), then each client and {@code mariadb-binlog} read all of it. */
    private List<CatchUp> catchUp(List<Supplier<RowStream>> clients, String suffix, long rows) throws Exception {
        String file;
        try (Connection c = server.adminConnection("bench"); Statement s = c.createStatement();
             PreparedStatement insert = c.prepareStatement(insertSql(10_000))) {
            s.execute("FLUSH BINARY LOGS");
            file = position(s)[0];
            for (long written = 0; written < rows; written += 10_000) {
                insert.setLong(1, nextId);
                insert.executeUpdate();
                nextId += 10_000;
            }
            s.execute("FLUSH BINARY LOGS");
        }
        long first = nextId - rows;
        long bytes = Files.size(server.dataDir().resolve(file));
        List<CatchUp> results = new ArrayList<>();
        for (Supplier<RowStream> client : clients) {
            RowStream stream = client.get();
            AtomicLong seen = new AtomicLong();
            long[] firstAndLast = new long[2];
            CatchUpProfile profile = CatchUpProfile.startIfAsked(stream.name() + suffix);
            long start = System.nanoTime();
            stream.start(file, 4, id -> {
                if (id >= first) {
                    long n = seen.incrementAndGet();
                    if (n == 1) {
                        firstAndLast[0] = System.nanoTime();
                    } else if (n == rows) {
                        firstAndLast[1] = System.nanoTime();
                    }
                }
            });
            awaitRows(seen, rows, stream);
            if (profile != null) {
                profile.close();
            }
            stream.close();
            results.add(new CatchUp(stream.name() + suffix, rows, bytes, seconds(start, firstAndLast[0]),
                    seconds(firstAndLast[0], firstAndLast[1])));
        }
        if (Files.isExecutable(MARIADB_BINLOG)) {
            try {
                results.add(new CatchUp("mariadb-binlog" + suffix, rows, bytes, 0, rawDump(file)));
            } catch (IllegalStateException e) {
                System.out.println("e2e: no raw dump rate to compare catch-up with: " + e.getMessage().strip());
            }
        } else {
            System.out.println("e2e: " + MARIADB_BINLOG + " not installed: no raw dump rate to compare catch-up with");
        }
        return results;
    }

    private double rawDump(String file) throws Exception {
        Path out = Files.createTempDirectory("raw-dump");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(MARIADB_BINLOG.toString(), "--read-from-remote-server", "--raw",
                    "--host=" + server.host(), "--port=" + server.port(), "--user=" + server.adminUser(),
                    "--result-file=" + out + "/", file)
                    .redirectErrorStream(true).redirectOutput(out.resolve("log.txt").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("mariadb-binlog failed: " + Files.readString(out.resolve("log.txt")));
            }
            return seconds(start, System.nanoTime());
        } finally {
            try (var paths = Files.walk(out)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String insertSql(int batch) {
        return "INSERT INTO e2e SELECT ? + seq - 1, seq, seq * 2, seq * 3 FROM seq_1_to_" + batch;
    }

    private static String[] position(Statement s) throws SQLException {
        try (var rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    /** Waits for {@code rows}: at least 120 s, and 1 s per 5,000 rows (Debezium streams about 25,000 rows/s here). */
    private static void awaitRows(AtomicLong seen, long rows, RowStream stream) throws InterruptedException {
        long seconds = Math.max(120, rows / 5_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (seen.get() < rows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(stream + " received " + seen.get() + " of " + rows
                        + " rows within " + seconds + " s");
            }
            Thread.sleep(1);
        }
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    /**
     * Standalone: starts its own server. With argument {@code latency}, only the latency run; with {@code catch-up
     * [rows]}, only the catch-up on the embedded
     * server, over a backlog of {@code rows} (default 4,000,000; a multiple of 10,000), for the clients named in
     * {@code -Dbinlog.bench.clients=ours,debezium_embedded,...} (default all), on Debian's 10.11 with
     * {@code -Dbinlog.bench.server=debian}.
     */
    public static void main(String[] args) throws Exception {
        // -Dbinlog.bench.server=debian: Debian's MariaDB 10.11 instead of the embedded 11.4 (for a catch-up alone).
        MariaDbProcess server = "debian".equals(System.getProperty("binlog.bench.server"))
                ? BenchServer.startDebian("bench-e2e").orElseThrow(
                        () -> new IllegalStateException("Debian's mariadb-server is not installed"))
                : BenchServer.start("bench-e2e");
        int status = 1;
        try {
            EndToEnd e2e = new EndToEnd(server);
            if (args.length > 0 && args[0].equals("catch-up")) {
                long rows = args.length > 1 ? Long.parseLong(args[1]) : CATCH_UP_ROWS;
                e2e.createTable();
                e2e.catchUp(e2e.selectedClients(), "", rows).forEach(r -> System.out.println("e2e: " + r));
            } else if (args.length > 0 && args[0].equals("latency")) {
                e2e.createTable();
                for (Supplier<RowStream> client : e2e.selectedClients()) {
                    System.out.println("e2e: " + e2e.latency(client.get()));
                }
            } else {
                System.out.println(e2e.run());
            }
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            server.stop();
            // Engine threads of a client that failed would keep the JVM alive.
            System.exit(status);
        }
    }

    private List<Supplier<RowStream>> selectedClients() {
        String names = System.getProperty("binlog.bench.clients");
        if (names == null) {
            return clients();
        }
        List<String> wanted = List.of(names.split(","));
        return clients().stream().filter(c -> {
            try (RowStream probe = c.get()) {
                return wanted.contains(probe.name());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
