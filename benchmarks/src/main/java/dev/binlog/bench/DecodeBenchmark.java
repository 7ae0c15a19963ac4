package dev.binlog.bench;

import dev.binlog.bench.ConnectorJDecoder.Mode;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One operation decodes one whole corpus file, held in memory, to typed values and touches every value; the scan-only
 * baseline walks the same bytes verifying checksums. Rows and events per operation are in the corpus manifest.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Duser.timezone=UTC"})
public class DecodeBenchmark {

    @Param({"narrow_1", "narrow_batch", "wide", "text_utf8mb4", "temporal_decimal", "json", "update", "compressed"})
    public String workload;

    private byte[] file;
    private final CRC32 crc = new CRC32();

    @Setup
    public void load() {
        file = BinlogBytes.read(Corpus.file(Corpus.defaultDir(), workload).path());
    }

    @Benchmark
    public DecodeCount ours(Blackhole blackhole) {
        return OurDecoder.decode(file, workload, row -> touch(row, blackhole));
    }

    @Benchmark
    public DecodeCount connectorJDefault(Blackhole blackhole) {
        return ConnectorJDecoder.decode(file, Mode.DEFAULT, row -> touch(row, blackhole));
    }

    @Benchmark
    public DecodeCount connectorJFast(Blackhole blackhole) {
        return ConnectorJDecoder.decode(file, Mode.FAST, row -> touch(row, blackhole));
    }

    /** connector-j's fast output turned into the Java values ours delivers: the same work as {@link #ours}. */
    @Benchmark
    public DecodeCount connectorJEqualWork(Blackhole blackhole) {
        return ConnectorJDecoder.decode(file, Mode.EQUAL_WORK, row -> touch(row, blackhole));
    }

    @Benchmark
    public long scanOnly() {
        return HeaderScan.scan(file, crc);
    }

    static void touch(Object[] row, Blackhole blackhole) {
        for (Object value : row) {
            blackhole.consume(value);
        }
    }
}
