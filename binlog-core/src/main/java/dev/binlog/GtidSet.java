package dev.binlog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An immutable MySQL GTID set such as {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-9}, including the tagged
 * GTIDs of MySQL 8.4 ({@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:tag:1-5}).
 *
 * <p>Intervals are kept merged and sorted, so {@code uuid:1-3:4-5} and {@code uuid:1-5} are equal and print the
 * same. {@link #toString()} prints UUIDs in ascending order, separated by {@code ","}; for each UUID the untagged
 * intervals come first, then each tag in ascending order, the way MySQL prints {@code gtid_executed}.
 */
public final class GtidSet implements GtidState {

    private static final GtidSet EMPTY = new GtidSet(new TreeMap<>());
    private static final Pattern TAG = Pattern.compile("[a-z_][a-z0-9_]{0,31}");

    /** A closed range of transaction numbers, {@code start <= end}, both at least 1. */
    public record Interval(long start, long end) {
        public Interval {
            if (start < 1 || end < start) {
                throw new IllegalArgumentException("invalid GTID interval " + start + "-" + end);
            }
        }

        @Override
        public String toString() {
            return start == end ? Long.toString(start) : start + "-" + end;
        }
    }

    /**
     * The transactions of one source server (and tag): {@code tag} is {@code ""} for untagged GTIDs, otherwise
     * lower case as MySQL normalises it.
     */
    public record UuidSet(UUID uuid, String tag, List<Interval> intervals) {
        public UuidSet {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(tag, "tag");
            intervals = List.copyOf(intervals);
        }
    }

    private record Tsid(UUID uuid, String tag) implements Comparable<Tsid> {
        @Override
        public int compareTo(Tsid other) {
            int byUuid = uuid.toString().compareTo(other.uuid.toString());
            return byUuid != 0 ? byUuid : tag.compareTo(other.tag);
        }
    }

    private final TreeMap<Tsid, List<Interval>> sets;

    private GtidSet(TreeMap<Tsid, List<Interval>> sets) {
        this.sets = sets;
    }

    /** The empty set (prints as {@code ""}). */
    public static GtidSet empty() {
        return EMPTY;
    }

    /**
     * Parses MySQL's text form: {@code uuid:interval[:interval...][:tag:interval...]}, several separated by commas;
     * whitespace and newlines (as in {@code SELECT @@gtid_executed}) are ignored. An empty or blank string is the
     * empty set.
     *
     * @throws ConfigurationException naming the offending part when the text is not a GTID set
     */
    public static GtidSet parse(String text) {
        try {
            return parseText(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static GtidSet parseText(String text) {
        Objects.requireNonNull(text, "text");
        String compact = text.replaceAll("\\s+", "");
        TreeMap<Tsid, List<Interval>> sets = new TreeMap<>();
        if (compact.isEmpty()) {
            return EMPTY;
        }
        for (String part : compact.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] fields = part.split(":");
            if (fields.length < 2) {
                throw new IllegalArgumentException("GTID set part '" + part + "' of '" + text
                        + "' has no transaction numbers; expected uuid:1-5");
            }
            UUID uuid = parseUuid(fields[0], text);
            String tag = "";
            boolean sawInterval = false;
            for (int i = 1; i < fields.length; i++) {
                String field = fields[i];
                if (!field.isEmpty() && Character.isDigit(field.charAt(0))) {
                    addInterval(sets, new Tsid(uuid, tag), parseInterval(field, text));
                    sawInterval = true;
                } else {
                    tag = normaliseTag(field, text);
                    sawInterval = false;
                }
            }
            if (!sawInterval) {
                throw new IllegalArgumentException("GTID set part '" + part + "' of '" + text
                        + "' ends without transaction numbers");
            }
        }
        return new GtidSet(sets);
    }

    private static UUID parseUuid(String s, String text) {
        try {
            if (s.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' in GTID set '" + text + "' is not a server UUID", e);
        }
    }

    private static String normaliseTag(String tag, String text) {
        String lower = tag.toLowerCase(Locale.ROOT);
        if (!TAG.matcher(lower).matches()) {
            throw new IllegalArgumentException("'" + tag + "' in GTID set '" + text
                    + "' is neither a transaction number nor a valid tag (letters, digits and _, up to 32)");
        }
        return lower;
    }

    private static Interval parseInterval(String field, String text) {
        try {
            int dash = field.indexOf('-');
            if (dash < 0) {
                long n = Long.parseLong(field);
                return new Interval(n, n);
            }
            return new Interval(Long.parseLong(field.substring(0, dash)), Long.parseLong(field.substring(dash + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' in GTID set '" + text
                    + "' is not a transaction number or range such as 1-5", e);
        }
    }

    private static void addInterval(TreeMap<Tsid, List<Interval>> sets, Tsid tsid, Interval added) {
        List<Interval> current = sets.getOrDefault(tsid, List.of());
        List<Interval> merged = new ArrayList<>(current.size() + 1);
        long start = added.start();
        long end = added.end();
        int i = 0;
        while (i < current.size() && current.get(i).end() < start - 1) {
            merged.add(current.get(i++));
        }
        while (i < current.size() && current.get(i).start() <= end + 1) {
            start = Math.min(start, current.get(i).start());
            end = Math.max(end, current.get(i).end());
            i++;
        }
        merged.add(new Interval(start, end));
        while (i < current.size()) {
            merged.add(current.get(i++));
        }
        sets.put(tsid, Collections.unmodifiableList(merged));
    }

    /**
     * The set of these parts, merged (as decoded from a PREVIOUS_GTIDS event); a part's tag is {@code ""} for untagged
     * GTIDs.
     *
     * @throws ConfigurationException when a tag is not a valid GTID tag
     */
    public static GtidSet of(List<UuidSet> parts) {
        if (parts.isEmpty()) {
            return EMPTY;
        }
        TreeMap<Tsid, List<Interval>> sets = new TreeMap<>();
        for (UuidSet part : parts) {
            String tag = part.tag().isEmpty() ? "" : normaliseTag(part.tag(), part.uuid() + ":" + part.tag());
            Tsid tsid = new Tsid(part.uuid(), tag);
            for (Interval interval : part.intervals()) {
                addInterval(sets, tsid, interval);
            }
        }
        return new GtidSet(sets);
    }

    /** This set plus one untagged transaction {@code uuid:gno}. */
    public GtidSet add(UUID uuid, long gno) {
        return add(uuid, "", gno);
    }

    /** This set plus one transaction {@code uuid:tag:gno}; {@code tag} is {@code ""} for an untagged GTID. */
    public GtidSet add(UUID uuid, String tag, long gno) {
        Tsid tsid = new Tsid(uuid, tag.isEmpty() ? "" : normaliseTag(tag, uuid + ":" + tag + ":" + gno));
        if (contains(tsid, gno)) {
            return this;
        }
        TreeMap<Tsid, List<Interval>> copy = new TreeMap<>(sets);
        addInterval(copy, tsid, new Interval(gno, gno));
        return new GtidSet(copy);
    }

    /** This set plus one transaction in text form, {@code uuid:gno} or {@code uuid:tag:gno}. */
    public GtidSet add(String gtid) {
        return union(parse(gtid));
    }

    /** Every transaction of this set and of {@code other}. */
    public GtidSet union(GtidSet other) {
        if (other.isEmpty()) {
            return this;
        }
        TreeMap<Tsid, List<Interval>> copy = new TreeMap<>(sets);
        for (Map.Entry<Tsid, List<Interval>> e : other.sets.entrySet()) {
            for (Interval interval : e.getValue()) {
                addInterval(copy, e.getKey(), interval);
            }
        }
        return new GtidSet(copy);
    }

    /** Whether transaction {@code uuid:gno} (untagged) is in this set. */
    public boolean contains(UUID uuid, long gno) {
        return contains(new Tsid(uuid, ""), gno);
    }

    /** Whether transaction {@code uuid:tag:gno} is in this set; {@code tag} is {@code ""} for untagged. */
    public boolean contains(UUID uuid, String tag, long gno) {
        return contains(new Tsid(uuid, tag.toLowerCase(Locale.ROOT)), gno);
    }

    private boolean contains(Tsid tsid, long gno) {
        for (Interval interval : sets.getOrDefault(tsid, List.of())) {
            if (gno < interval.start()) {
                return false;
            }
            if (gno <= interval.end()) {
                return true;
            }
        }
        return false;
    }

    /** Whether every transaction of {@code other} is in this set. */
    public boolean contains(GtidSet other) {
        return union(other).equals(this);
    }

    /** Always {@link ServerFlavor#MYSQL}. */
    @Override
    public ServerFlavor flavor() {
        return ServerFlavor.MYSQL;
    }

    @Override
    public boolean isEmpty() {
        return sets.isEmpty();
    }

    /** Whether any GTID of the set carries a tag (which needs MySQL 8.4 or later on the server). */
    public boolean hasTags() {
        return sets.keySet().stream().anyMatch(t -> !t.tag().isEmpty());
    }

    /** The set's parts in print order. */
    public List<UuidSet> uuidSets() {
        List<UuidSet> result = new ArrayList<>(sets.size());
        sets.forEach((tsid, intervals) -> result.add(new UuidSet(tsid.uuid(), tsid.tag(), intervals)));
        return result;
    }

    /**
     * The binary form MySQL expects in {@code COM_BINLOG_DUMP_GTID} (and writes in PREVIOUS_GTIDS events): the
     * untagged format when no GTID has a tag, otherwise the tagged format of MySQL 8.3+. Interval ends are encoded
     * exclusive, as on the wire.
     */
    public byte[] encode() {
        boolean tagged = hasTags();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + sets.size() * 40);
        long count = sets.size();
        if (tagged) {
            // format byte, 6-byte count, format byte again
            writeLong(out, 1L | (count << 8) | (1L << 56));
        } else {
            writeLong(out, count);
        }
        for (Map.Entry<Tsid, List<Interval>> e : sets.entrySet()) {
            UUID uuid = e.getKey().uuid();
            writeLongBigEndian(out, uuid.getMostSignificantBits());
            writeLongBigEndian(out, uuid.getLeastSignificantBits());
            if (tagged) {
                byte[] tag = e.getKey().tag().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                // MySQL's variable-length unsigned integer; a tag is at most 32 bytes, so one byte: length << 1
                out.write(tag.length << 1);
                out.write(tag, 0, tag.length);
            }
            writeLong(out, e.getValue().size());
            for (Interval interval : e.getValue()) {
                writeLong(out, interval.start());
                writeLong(out, interval.end() + 1);
            }
        }
        return out.toByteArray();
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }

    private static void writeLongBigEndian(ByteArrayOutputStream out, long v) {
        for (int i = 7; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GtidSet other && sets.equals(other.sets);
    }

    @Override
    public int hashCode() {
        return sets.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        UUID previous = null;
        for (Map.Entry<Tsid, List<Interval>> e : sets.entrySet()) {
            Tsid tsid = e.getKey();
            if (!tsid.uuid().equals(previous)) {
                if (previous != null) {
                    sb.append(',');
                }
                sb.append(tsid.uuid());
                previous = tsid.uuid();
            }
            if (!tsid.tag().isEmpty()) {
                sb.append(':').append(tsid.tag());
            }
            for (Interval interval : e.getValue()) {
                sb.append(':').append(interval);
            }
        }
        return sb.toString();
    }
}
