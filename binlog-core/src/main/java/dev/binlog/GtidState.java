package dev.binlog;

import java.util.Objects;

/**
 * The GTID state executed up to a point of a server's binary log: a MySQL {@link GtidSet} (with the tags of MySQL
 * 8.4) or a MariaDB {@link MariaDbGtidList}. Every layer passes this type; text appears only where a
 * {@link PositionStore} writes a position, in the server's own form ({@link #toString()}).
 */
public sealed interface GtidState permits GtidSet, MariaDbGtidList {

    /** The server family whose form this state has. */
    ServerFlavor flavor();

    /** Whether the state holds no transaction. */
    boolean isEmpty();

    /**
     * The server's own text form: {@code uuid:1-5,...} for MySQL, {@code 0-1-42,...} for MariaDB; the empty state
     * prints as {@code ""}.
     */
    @Override
    String toString();

    /** The empty state of a server family. */
    static GtidState empty(ServerFlavor flavor) {
        return switch (Objects.requireNonNull(flavor, "flavor")) {
            case MYSQL -> GtidSet.empty();
            case MARIADB -> MariaDbGtidList.empty();
        };
    }

    /**
     * Parses a server family's text form: a MySQL GTID set ({@link GtidSet#parse(String)}) or a MariaDB GTID list
     * ({@link MariaDbGtidList#parse(String)}); blank text is the empty state.
     *
     * @throws ConfigurationException naming the offending part when the text is not of that form
     */
    static GtidState parse(ServerFlavor flavor, String text) {
        return switch (Objects.requireNonNull(flavor, "flavor")) {
            case MYSQL -> GtidSet.parse(text);
            case MARIADB -> MariaDbGtidList.parse(text);
        };
    }

    /**
     * Parses a GTID state that was written as text without its flavour: a position saved by a {@link PositionStore}
     * ({@code ... gtid=...}) or a start position given as text. The two forms are disjoint, so the whole text is
     * matched against each grammar: a MySQL set begins with a server UUID followed by {@code :}, a MariaDB list is
     * comma-separated {@code domain-server-sequence} numbers. Where the server is known, use
     * {@link #parse(ServerFlavor, String)}.
     *
     * @throws ConfigurationException when the text is neither form, naming both
     */
    static GtidState parseStored(String text) {
        return parse(storedFlavor(text), text);
    }

    /**
     * The flavour whose grammar {@code text} follows (see {@link #parseStored(String)}).
     *
     * @throws ConfigurationException when the text follows neither
     */
    static ServerFlavor storedFlavor(String text) {
        String compact = Objects.requireNonNull(text, "text").replaceAll("\\s+", "");
        if (compact.matches("[0-9]+-[0-9]+-[0-9]+(,[0-9]+-[0-9]+-[0-9]+)*")) {
            return ServerFlavor.MARIADB;
        }
        if (compact.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:.*")) {
            return ServerFlavor.MYSQL;
        }
        throw new ConfigurationException("'" + text + "' is neither a MySQL GTID set (uuid:1-5) nor a MariaDB GTID"
                + " list (0-1-42)");
    }
}
