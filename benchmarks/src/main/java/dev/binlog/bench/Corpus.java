package dev.binlog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The generated corpus: {@code <name>.binlog} files and a {@code manifest.tsv} listing each with its size, event count
 * and row count. The manifest is written last, so its presence means the corpus is complete.
 */
public final class Corpus {

    /** Where the suite keeps the corpus: {@code benchmarks/target/corpus}. */
    public static Path defaultDir() {
        return Path.of(System.getProperty("binlog.bench.corpus", "target/corpus")).toAbsolutePath();
    }

    private Corpus() {
    }

    /** The corpus in {@code dir}, if a complete one is there (every file of the manifest present, same size). */
    public static Optional<List<CorpusFile>> read(Path dir) {
        Path manifest = dir.resolve("manifest.tsv");
        if (!Files.exists(manifest)) {
            return Optional.empty();
        }
        try {
            List<CorpusFile> files = new ArrayList<>();
            for (String line : Files.readAllLines(manifest)) {
                String[] f = line.split("\t");
                Path path = dir.resolve(f[0] + ".binlog");
                if (!Files.exists(path) || Files.size(path) != Long.parseLong(f[1])) {
                    return Optional.empty();
                }
                files.add(new CorpusFile(f[0], path, Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3])));
            }
            return Optional.of(List.copyOf(files));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CorpusFile file(Path dir, String name) {
        return read(dir).orElseThrow(() -> new IllegalStateException("no corpus in " + dir
                        + "; run dev.binlog.bench.BenchmarkSuite (or CorpusGenerator) first"))
                .stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no workload " + name + " in " + dir));
    }

    static void writeManifest(Path dir, List<CorpusFile> files) {
        StringBuilder text = new StringBuilder();
        for (CorpusFile f : files) {
            text.append(f.name()).append('\t').append(f.bytes()).append('\t').append(f.events()).append('\t')
                    .append(f.rows()).append('\n');
        }
        try {
            Files.writeString(dir.resolve("manifest.tsv"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
