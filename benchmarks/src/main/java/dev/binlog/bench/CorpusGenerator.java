package dev.binlog.bench;

import dev.binlog.testsupport.MariaDbProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the corpus: runs each {@link Workload} on the embedded MariaDB between two {@code FLUSH BINARY LOGS}, so that
 * its events fill one closed binlog file, and copies that file out of the server's data folder.
 */
public final class CorpusGenerator {

    private final MariaDbProcess server;

    public CorpusGenerator(MariaDbProcess server) {
        this.server = server;
    }

    /** Standalone: {@code java -cp ... dev.binlog.bench.CorpusGenerator [dir]}. */
    public static void main(String[] args) {
        Path dir = args.length > 0 ? Path.of(args[0]) : Corpus.defaultDir();
        MariaDbProcess server = BenchServer.start("bench-corpus");
        try {
            new CorpusGenerator(server).generate(dir);
        } finally {
            server.stop();
        }
    }

    public List<CorpusFile> generate(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("manifest.tsv"));
            List<CorpusFile> files = new ArrayList<>();
            try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS bench");
                s.execute("CREATE DATABASE bench");
                s.execute("USE bench");
                for (Workload workload : Workload.all()) {
                    long started = System.nanoTime();
                    files.add(generate(s, workload, dir));
                    System.out.printf("corpus: %-16s %6.1f MB in %.1f s%n", workload.name(),
                            files.get(files.size() - 1).bytes() / 1e6, (System.nanoTime() - started) / 1e9);
                }
            }
            Corpus.writeManifest(dir, files);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("generating the corpus failed: " + e.getMessage(), e);
        }
    }

    private CorpusFile generate(Statement s, Workload workload, Path dir) throws SQLException, IOException {
        for (String sql : workload.setup()) {
            s.execute(sql);
        }
        s.execute("FLUSH BINARY LOGS");
        String binlog = currentBinlog(s);
        for (String sql : workload.body()) {
            s.execute(sql);
        }
        s.execute("FLUSH BINARY LOGS");
        Path target = dir.resolve(workload.name() + ".binlog");
        Files.copy(server.dataDir().resolve(binlog), target, StandardCopyOption.REPLACE_EXISTING);
        DecodeCount count = OurDecoder.decode(BinlogBytes.read(target), target.toString(), row -> { });
        return new CorpusFile(workload.name(), target, Files.size(target), count.events(), count.rows());
    }

    static String currentBinlog(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new IllegalStateException("SHOW MASTER STATUS is empty: the binary log is off");
            }
            return rs.getString(1);
        }
    }
}
