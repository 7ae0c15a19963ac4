package dev.binlog.bench;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One JMH decode result: a decoder on a workload, in operations (whole files) per second with JMH's 99.9% error, and
 * bytes allocated per operation from the GC profiler.
 */
public record DecodeFigure(String decoder, String workload, double opsPerS, double opsPerSError,
                           Double allocBytesPerOp) {

    /** The workload name of the fixtures benchmark. */
    public static final String FIXTURES = "fixtures";

    static List<DecodeFigure> of(Collection<RunResult> results) {
        return results.stream().map(DecodeFigure::of).toList();
    }

    private static DecodeFigure of(RunResult run) {
        String benchmark = run.getParams().getBenchmark();
        String decoder = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String workload = run.getParams().getParam("workload");
        Result<?> primary = run.getPrimaryResult();
        Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
        return new DecodeFigure(decoder, workload == null ? FIXTURES : workload, primary.getScore(),
                primary.getScoreError(), alloc == null ? null : alloc.getScore());
    }
}
