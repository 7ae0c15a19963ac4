package dev.binlog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Where a stream starts when its {@link PositionStore} has nothing saved.
 * Text forms (for properties and the CLI): {@code earliest}, {@code latest}, {@code FILE:POS},
 * {@code @2026-11-23T10:15:30Z} (first event at or after that time), or a GTID set / MariaDB GTID list.
 */
public sealed interface StartPosition {

    /** The first event of the oldest binary log the server still has. */
    record Earliest() implements StartPosition {
        @Override
        public String toString() {
            return "earliest";
        }
    }

    /** The end of the current binary log: only changes made from now on. */
    record Latest() implements StartPosition {
        @Override
        public String toString() {
            return "latest";
        }
    }

    /**
     * An explicit file and offset where a transaction starts or ends (4 is the first event of a file): a change's
     * {@link ChangeMetadata#transactionStart()} or a commit's {@link Transaction#committedPosition()}. An offset
     * inside a transaction or an event, or past the end of the file, is refused at start with a
     * {@link PositionNotFoundException}.
     */
    record At(BinlogPosition position) implements StartPosition {
        public At {
            Objects.requireNonNull(position, "position");
        }

        @Override
        public String toString() {
            return position.toString();
        }
    }

    /**
     * After the transactions of a GTID set (MySQL, {@code COM_BINLOG_DUMP_GTID}, needs {@code gtid_mode=ON}) or GTID
     * list (MariaDB, {@code @slave_connect_state}); a state of the other server family is refused at start.
     */
    record Gtid(GtidState state) implements StartPosition {
        public Gtid {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String toString() {
            return state.toString();
        }
    }

    /** The first transaction whose events are at or after this instant. */
    record Timestamp(Instant instant) implements StartPosition {
        public Timestamp {
            Objects.requireNonNull(instant, "instant");
        }

        @Override
        public String toString() {
            return "@" + instant;
        }
    }

    static StartPosition earliest() {
        return new Earliest();
    }

    static StartPosition latest() {
        return new Latest();
    }

    static StartPosition at(String file, long position) {
        return new At(new BinlogPosition(file, position));
    }

    static StartPosition at(BinlogPosition position) {
        return new At(position);
    }

    static StartPosition gtid(GtidState state) {
        return new Gtid(state);
    }

    static StartPosition timestamp(Instant instant) {
        return new Timestamp(instant);
    }

    /** Parses the text forms listed above; throws {@link ConfigurationException} naming the accepted forms. */
    static StartPosition parse(String text) {
        try {
            return parseText(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static StartPosition parseText(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("earliest")) {
            return earliest();
        }
        if (t.equalsIgnoreCase("latest")) {
            return latest();
        }
        if (t.startsWith("@")) {
            try {
                return timestamp(Instant.parse(t.substring(1)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + t + "': expected @ followed by an ISO-8601 instant such as"
                        + " @2026-11-23T10:15:30Z", e);
            }
        }
        if (t.matches("[0-9]+-[0-9]+-[0-9]+(,[0-9]+-[0-9]+-[0-9]+)*")) {
            return gtid(MariaDbGtidList.parse(t));
        }
        if (t.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:.*")) {
            return gtid(GtidSet.parse(t));
        }
        if (t.matches(".+:[0-9]+") || t.matches(".+:[0-9]+ (gtid|snapshot)=.*")) {
            // also the form position stores write, GTID state (and snapshot progress) included
            return new At(BinlogPosition.parse(t));
        }
        throw new IllegalArgumentException("'" + text + "' is not a start position; use earliest, latest, FILE:POS,"
                + " @ISO-8601-time, a GTID set (uuid:1-5) or a MariaDB GTID list (0-1-42)");
    }
}
