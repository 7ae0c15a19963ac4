package dev.binlog.bench;

import dev.binlog.testsupport.MariaDbProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The one command: corpus (generated once, reused after), differential check, the JMH decode suite, the end-to-end
 * runs, the snapshot runs ({@link SnapshotBenchmark}), the Kafka runs ({@link KafkaBenchmark}), and
 * {@code target/summary.json}. Run from the {@code benchmarks} folder; see BENCHMARKS.md.
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        ConnectorJDecoder.requireZendeskJar();
        Path corpusDir = Corpus.defaultDir();
        MariaDbProcess server = BenchServer.start("bench");
        List<CorpusFile> corpus;
        try {
            Optional<List<CorpusFile>> existing = Corpus.read(corpusDir);
            if (existing.isPresent()) {
                System.out.println("corpus: reusing " + corpusDir);
            }
            corpus = existing.orElseGet(() -> new CorpusGenerator(server).generate(corpusDir));
        } finally {
            // An idle server still purges and flushes; it must not share the cores with JMH.
            server.stop();
        }
        System.out.printf("corpus: %d files, %.1f MB%n", corpus.size(),
                corpus.stream().mapToLong(CorpusFile::bytes).sum() / 1e6);

        DifferentialCheck.requireEqual(corpus);
        System.out.println("differential check: both decoders yield equal rows on every file connector-j reads, in"
                + " each of its modes (equal work: Java type for Java type)");
        Optional<Path> fixturesDir = Fixtures.dir();
        List<FixtureFile> fixtures = fixturesDir.map(Fixtures::readableByBoth).orElse(List.of());
        if (fixturesDir.isEmpty()) {
            System.out.println("fixtures: ../shared/fixtures/binlogs is absent; the fixtures figure is skipped");
        }

        List<DecodeFigure> figures = DecodeFigure.of(decodeSuite(corpusDir, corpus, fixturesDir));

        server.start();
        EndToEndResults e2e;
        try {
            e2e = new EndToEnd(server).run();
        } finally {
            server.stop();
        }
        // Restarted: the memory runs leave the server's buffer pool full of their 1 GiB table.
        server.start();
        SnapshotResults snapshot;
        try {
            snapshot = new SnapshotBenchmark(server).run();
        } finally {
            server.stop();
        }
        server.start();
        KafkaResults kafka;
        try {
            kafka = new KafkaBenchmark(server).run();
        } finally {
            server.stop();
        }

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("wall_seconds", (System.nanoTime() - started) / 1e9);
        run.put("jmh", "1 fork, 4 warmup + 5 measurement iterations of 1 s; error = JMH 99.9% confidence half-width");
        Summary summary = new Summary(corpus, fixtures, figures, e2e, snapshot, kafka);
        Path out = Path.of("target", "summary.json");
        Files.writeString(out, summary.toJson(Machine.describe(), run));
        System.out.println(SummaryTable.render(summary));
        System.out.printf("wrote %s in %.0f s%n", out.toAbsolutePath(), (System.nanoTime() - started) / 1e9);
        System.exit(0);
    }

    private static List<RunResult> decodeSuite(Path corpusDir, List<CorpusFile> corpus, Optional<Path> fixturesDir)
            throws RunnerException {
        String[] all = corpus.stream().map(CorpusFile::name).toArray(String[]::new);
        String[] readable = corpus.stream().map(CorpusFile::name)
                .filter(n -> Workload.byName(n).connectorJDecodes()).toArray(String[]::new);
        List<RunResult> results = new ArrayList<>();
        results.addAll(new Runner(options(corpusDir, fixturesDir)
                .include(".*DecodeBenchmark\\.(ours|scanOnly)$").param("workload", all).build()).run());
        results.addAll(new Runner(options(corpusDir, fixturesDir)
                .include(".*DecodeBenchmark\\.connectorJ.*").param("workload", readable).build()).run());
        if (fixturesDir.isPresent()) {
            results.addAll(new Runner(options(corpusDir, fixturesDir).include(".*FixtureBenchmark.*").build()).run());
        }
        return results;
    }

    private static ChainedOptionsBuilder options(Path corpusDir, Optional<Path> fixturesDir) {
        List<String> jvmArgs = new ArrayList<>(List.of("-Dbinlog.bench.corpus=" + corpusDir));
        fixturesDir.ifPresent(d -> jvmArgs.add("-Dbinlog.fixtures=" + d));
        return new OptionsBuilder()
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true);
    }
}
