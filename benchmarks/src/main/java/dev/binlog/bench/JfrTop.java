package dev.binlog.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot methods of a JFR recording: {@code jdk.ExecutionSample} events counted by their top frame, the 15 most
 * frequent printed with their share of all samples. {@code java -cp ... dev.binlog.bench.JfrTop file.jfr [thread]}:
 * with a thread name (e.g. our client's reader thread), only that thread's samples.
 */
public final class JfrTop {

    private static final int TOP = 15;

    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: JfrTop <file.jfr> [thread name prefix]");
            System.exit(2);
        }
        System.out.print(render(Path.of(args[0]), args.length > 1 ? args[1] : null));
    }

    /** The table for {@code file}, counting only threads whose name starts with {@code thread} when it is given. */
    static String render(Path file, String thread) throws IOException {
        Map<String, Integer> byMethod = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            if (thread != null && (event.getThread("sampledThread") == null
                    || !String.valueOf(event.getThread("sampledThread").getJavaName()).startsWith(thread))) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
            String top = frames.isEmpty() ? "(no stack)" : frames.get(0).getMethod().getType().getName() + "."
                    + frames.get(0).getMethod().getName();
            byMethod.merge(top, 1, Integer::sum);
            total++;
        }
        StringBuilder out = new StringBuilder(String.format("%s: %,d execution samples%s%n", file.getFileName(),
                total, thread == null ? "" : " of threads " + thread + "*"));
        out.append("| share | samples | top frame |\n|---:|---:|---|\n");
        int all = total;
        byMethod.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> out.append(String.format("| %.1f%% | %,d | `%s` |%n", 100.0 * e.getValue() / all,
                        e.getValue(), e.getKey())));
        return out.toString();
    }
}
