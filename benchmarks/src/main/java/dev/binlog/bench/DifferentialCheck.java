package dev.binlog.bench;

import dev.binlog.bench.ConnectorJDecoder.Mode;
import java.util.ArrayList;
import java.util.List;

/**
 * Before anything is timed: both decoders must yield the same rows from the same bytes, or the comparison would
 * measure different work. Rows are compared as {@link CanonicalRow} text, in order.
 */
public final class DifferentialCheck {

    private static final int SHOWN = 5;

    private DifferentialCheck() {
    }

    /**
     * The differences between our rows and connector-j's in {@code mode} (at most a few, described), empty when they
     * agree.
     */
    public static List<String> differences(byte[] file, String name, Mode mode) {
        boolean millis = mode == Mode.DEFAULT;
        List<String> ours = new ArrayList<>();
        DecodeCount ourCount = OurDecoder.decode(file, name, row -> ours.add(CanonicalRow.of(row, millis)));
        List<String> found = new ArrayList<>();
        int[] index = {0};
        DecodeCount theirCount = ConnectorJDecoder.decode(file, mode, row -> {
            int i = index[0]++;
            String theirs = CanonicalRow.of(row, millis);
            String expected = i < ours.size() ? ours.get(i) : "(no such row)";
            if (found.size() < SHOWN && !theirs.equals(expected)) {
                found.add(name + " row image " + i + ": ours " + expected + " connector-j " + mode + " " + theirs);
            }
        });
        if (ourCount.rows() != theirCount.rows() || index[0] != ours.size()) {
            found.add(name + ": ours " + ourCount.rows() + " rows (" + ours.size() + " images), connector-j " + mode
                    + " " + theirCount.rows() + " rows (" + index[0] + " images)");
        }
        return found;
    }

    /** Checks every corpus file connector-j can read, in both modes; throws listing the differences. */
    public static void requireEqual(List<CorpusFile> corpus) {
        List<String> all = new ArrayList<>();
        for (CorpusFile file : corpus) {
            if (!Workload.byName(file.name()).connectorJDecodes()) {
                continue;
            }
            byte[] bytes = BinlogBytes.read(file.path());
            for (Mode mode : Mode.values()) {
                all.addAll(differences(bytes, file.name(), mode));
            }
        }
        if (!all.isEmpty()) {
            throw new IllegalStateException("the decoders disagree; nothing is timed until they agree:\n  "
                    + String.join("\n  ", all));
        }
    }
}
