package dev.binlog;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * How far an incremental snapshot has come, saved with the stream's position ({@link BinlogPosition#snapshot()}) so
 * that after a restart it goes on after its last completed chunk. Key values are the server's own text of each key
 * column (as a {@code SELECT} returns it), hex-encoded: they only ever go back into the server's comparisons.
 *
 * @param id        the snapshot's id
 * @param watermark how its chunk windows are marked in the binary log: {@code table} or {@code gtid}
 * @param tables    the tables still to copy, {@code schema.table}, the one being copied first
 * @param lastKey   the key of the last row copied of the first table, empty before its first chunk
 * @param maxKey    the first table's largest key when its copy began (rows above it come from the stream), empty
 *                  before its first chunk
 * @param rows      rows copied so far, all tables
 */
public record SnapshotCheckpoint(String id, String watermark, List<String> tables, List<String> lastKey,
        List<String> maxKey, long rows) {

    public SnapshotCheckpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(watermark, "watermark");
        if (id.isEmpty() || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw new IllegalArgumentException("snapshot id '" + id + "' must be letters, digits, - and _");
        }
        tables = List.copyOf(tables);
        lastKey = List.copyOf(lastKey);
        maxKey = List.copyOf(maxKey);
        HexFormat hex = HexFormat.of();
        lastKey.forEach(hex::parseHex);
        maxKey.forEach(hex::parseHex);
        if (rows < 0) {
            throw new IllegalArgumentException("negative snapshot row count " + rows);
        }
    }

    /** The table being copied, or {@code null} when none is left. */
    public String table() {
        return tables.isEmpty() ? null : tables.get(0);
    }

    /**
     * The stable text form kept inside {@link BinlogPosition#toString()}: {@code id;watermark;tables;lastKey;maxKey;rows}
     * with tables URL-encoded and joined by {@code ,}, key columns hex and joined by {@code ,}, and {@code -} for an
     * empty list.
     */
    @Override
    public String toString() {
        return id + ";" + watermark + ";" + join(tables.stream().map(t -> URLEncoder.encode(t, StandardCharsets.UTF_8))
                .toList()) + ";" + join(lastKey) + ";" + join(maxKey) + ";" + rows;
    }

    /** Parses {@link #toString()}'s form. */
    public static SnapshotCheckpoint parse(String text) {
        String[] parts = text.split(";", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("'" + text + "' is not a snapshot checkpoint; expected"
                    + " id;watermark;tables;lastKey;maxKey;rows");
        }
        try {
            List<String> tables = new ArrayList<>();
            for (String table : split(parts[2])) {
                tables.add(URLDecoder.decode(table, StandardCharsets.UTF_8));
            }
            return new SnapshotCheckpoint(parts[0], parts[1], tables, split(parts[3]), split(parts[4]),
                    Long.parseLong(parts[5]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no row count at its end", e);
        }
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? "-" : String.join(",", values);
    }

    private static List<String> split(String value) {
        return value.equals("-") ? List.of() : Arrays.asList(value.split(",", -1));
    }
}
