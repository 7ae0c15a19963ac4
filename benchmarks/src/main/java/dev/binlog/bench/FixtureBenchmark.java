package dev.binlog.bench;

import dev.binlog.bench.ConnectorJDecoder.Mode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One operation decodes every shared fixture file both decoders can read (real files of MySQL 5.x-9.x, Percona and
 * MariaDB servers), each with a fresh decoder, touching every value.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Duser.timezone=UTC"})
public class FixtureBenchmark {

    private byte[][] files;
    private String[] names;

    @Setup
    public void load() {
        List<FixtureFile> fixtures = Fixtures.readableByBoth(Fixtures.dir().orElseThrow());
        files = fixtures.stream().map(f -> BinlogBytes.read(f.path())).toArray(byte[][]::new);
        names = fixtures.stream().map(f -> f.path().toString()).toArray(String[]::new);
    }

    @Benchmark
    public long ours(Blackhole blackhole) {
        long rows = 0;
        for (int i = 0; i < files.length; i++) {
            rows += OurDecoder.decode(files[i], names[i], row -> DecodeBenchmark.touch(row, blackhole)).rows();
        }
        return rows;
    }

    @Benchmark
    public long connectorJDefault(Blackhole blackhole) {
        return connectorJ(Mode.DEFAULT, blackhole);
    }

    @Benchmark
    public long connectorJFast(Blackhole blackhole) {
        return connectorJ(Mode.FAST, blackhole);
    }

    @Benchmark
    public long connectorJEqualWork(Blackhole blackhole) {
        return connectorJ(Mode.EQUAL_WORK, blackhole);
    }

    private long connectorJ(Mode mode, Blackhole blackhole) {
        long rows = 0;
        for (byte[] file : files) {
            rows += ConnectorJDecoder.decode(file, mode, row -> DecodeBenchmark.touch(row, blackhole)).rows();
        }
        return rows;
    }
}
