package dev.binlog;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An immutable MariaDB replication state: at most one {@link MariaDbGtid} per replication domain, as in
 * {@code @@gtid_binlog_pos} or {@code @slave_connect_state}, printed comma-separated in ascending domain order, e.g.
 * {@code 0-1-100,1-2-7}. The empty list prints as {@code ""}.
 */
public final class MariaDbGtidList implements GtidState {

    private static final MariaDbGtidList EMPTY = new MariaDbGtidList(new TreeMap<>());

    private final TreeMap<Long, MariaDbGtid> byDomain;

    private MariaDbGtidList(TreeMap<Long, MariaDbGtid> byDomain) {
        this.byDomain = byDomain;
    }

    public static MariaDbGtidList empty() {
        return EMPTY;
    }

    /**
     * Parses a comma-separated list such as {@code 0-1-100, 1-2-7}; blank text is the empty list.
     *
     * @throws ConfigurationException when a part is not a GTID or two parts share a domain
     */
    public static MariaDbGtidList parse(String text) {
        try {
            return parseText(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static MariaDbGtidList parseText(String text) {
        Objects.requireNonNull(text, "text");
        TreeMap<Long, MariaDbGtid> map = new TreeMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            MariaDbGtid gtid = MariaDbGtid.parse(part);
            if (map.put(gtid.domainId(), gtid) != null) {
                throw new IllegalArgumentException("MariaDB GTID list '" + text + "' names domain " + gtid.domainId()
                        + " twice; a position holds one GTID per domain");
            }
        }
        return map.isEmpty() ? EMPTY : new MariaDbGtidList(map);
    }

    /** A list of the given GTIDs; when several share a domain, the last one wins. */
    public static MariaDbGtidList of(Collection<MariaDbGtid> gtids) {
        TreeMap<Long, MariaDbGtid> map = new TreeMap<>();
        gtids.forEach(g -> map.put(g.domainId(), g));
        return new MariaDbGtidList(map);
    }

    /** This list with {@code gtid} as its domain's position (replacing the domain's previous GTID). */
    public MariaDbGtidList with(MariaDbGtid gtid) {
        if (gtid.equals(byDomain.get(gtid.domainId()))) {
            return this;
        }
        TreeMap<Long, MariaDbGtid> copy = new TreeMap<>(byDomain);
        copy.put(gtid.domainId(), gtid);
        return new MariaDbGtidList(copy);
    }

    /** The GTID of one domain, if the list has one. */
    public Optional<MariaDbGtid> get(long domainId) {
        return Optional.ofNullable(byDomain.get(domainId));
    }

    /**
     * The GTIDs of {@code other} this list has not reached: those whose domain it lacks, or has at a lower sequence
     * number (within a domain, sequence numbers order transactions whatever server wrote them).
     */
    public List<MariaDbGtid> notReached(MariaDbGtidList other) {
        List<MariaDbGtid> missing = new java.util.ArrayList<>();
        for (MariaDbGtid gtid : other.gtids()) {
            MariaDbGtid here = byDomain.get(gtid.domainId());
            if (here == null || here.sequence() < gtid.sequence()) {
                missing.add(gtid);
            }
        }
        return missing;
    }

    /** The GTIDs in ascending domain order. */
    public List<MariaDbGtid> gtids() {
        return List.copyOf(byDomain.values());
    }

    /** Always {@link ServerFlavor#MARIADB}. */
    @Override
    public ServerFlavor flavor() {
        return ServerFlavor.MARIADB;
    }

    @Override
    public boolean isEmpty() {
        return byDomain.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MariaDbGtidList other && byDomain.equals(other.byDomain);
    }

    @Override
    public int hashCode() {
        return byDomain.hashCode();
    }

    @Override
    public String toString() {
        return byDomain.values().stream().map(MariaDbGtid::toString).collect(Collectors.joining(","));
    }
}
