package dev.binlog.bench;

import dev.binlog.event.BinlogEvent;
import dev.binlog.event.RowImage;
import dev.binlog.event.WriteRowsEvent;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.event.decode.RowDecoding;
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
 * Rows decoded on access: one operation decodes the {@code wide} corpus file (50 columns) and reads every value of
 * every row, or 3 of its 50 columns; the eager reference decodes everything when each event is read. Not part of the
 * suite's summary.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Duser.timezone=UTC"})
public class PartialReadBenchmark {

    /** Columns read by the partial benchmarks: the first, one in the middle, the last (its offset needs all others). */
    private static final int[] THREE_COLUMNS = {0, 25, 49};

    private byte[] file;

    @Setup
    public void load() {
        file = BinlogBytes.read(Corpus.file(Corpus.defaultDir(), "wide").path());
    }

    @Benchmark
    public long lazyEveryValue(Blackhole blackhole) {
        return read(RowDecoding.LAZY, null, blackhole);
    }

    @Benchmark
    public long lazyThreeColumns(Blackhole blackhole) {
        return read(RowDecoding.LAZY, THREE_COLUMNS, blackhole);
    }

    @Benchmark
    public long eagerEveryValue(Blackhole blackhole) {
        return read(RowDecoding.EAGER, null, blackhole);
    }

    @Benchmark
    public long eagerThreeColumns(Blackhole blackhole) {
        return read(RowDecoding.EAGER, THREE_COLUMNS, blackhole);
    }

    /** Reads the file's inserted rows: every column when {@code columns} is null. Returns the rows read. */
    private long read(RowDecoding mode, int[] columns, Blackhole blackhole) {
        DecoderContext context = new DecoderContext("wide");
        context.rowDecoding(mode);
        EventDecoder decoder = new EventDecoder(context);
        long rows = 0;
        for (int at = BinlogBytes.FIRST_EVENT; at < file.length; ) {
            int length = BinlogBytes.eventLength(file, at);
            BinlogEvent event = decoder.decode(file, at, length, at);
            if (event instanceof WriteRowsEvent write) {
                for (RowImage row : write.rows()) {
                    if (columns == null) {
                        for (int i = 0; i < row.columnCount(); i++) {
                            blackhole.consume(row.get(i));
                        }
                    } else {
                        for (int i : columns) {
                            blackhole.consume(row.get(i));
                        }
                    }
                }
                rows += write.rows().size();
            }
            at += length;
        }
        return rows;
    }
}
