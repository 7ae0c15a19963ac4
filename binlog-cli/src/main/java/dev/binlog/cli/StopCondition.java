package dev.binlog.cli;

import dev.binlog.BinlogPosition;
import dev.binlog.ConfigurationException;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where {@code tail --stop-at} ends the stream: at the first event at or beyond a binlog position, or the first event
 * later than a time. Binlog files compare by their numeric extension ({@code mysql-bin.000010} follows
 * {@code mysql-bin.000009}).
 */
abstract sealed class StopCondition {

    /** Whether an event at {@code position}, written at {@code time}, is past the stop point. */
    abstract boolean reached(BinlogPosition position, Instant time);

    static final class AtPosition extends StopCondition {
        private final BinlogPosition stop;

        AtPosition(BinlogPosition stop) {
            this.stop = stop;
        }

        @Override
        boolean reached(BinlogPosition position, Instant time) {
            if (position == null) {
                return false;
            }
            int files = compareFiles(position.file(), stop.file());
            return files > 0 || files == 0 && position.position() >= stop.position();
        }

        @Override
        public String toString() {
            return stop.toString();
        }
    }

    static final class AtTime extends StopCondition {
        private final Instant stop;

        AtTime(Instant stop) {
            this.stop = stop;
        }

        @Override
        boolean reached(BinlogPosition position, Instant time) {
            return time != null && time.isAfter(stop);
        }

        @Override
        public String toString() {
            return "@" + stop;
        }
    }

    static int compareFiles(String a, String b) {
        int dotA = a.lastIndexOf('.');
        int dotB = b.lastIndexOf('.');
        if (dotA > 0 && dotB > 0 && a.substring(0, dotA).equals(b.substring(0, dotB))) {
            try {
                return Long.compare(Long.parseLong(a.substring(dotA + 1)), Long.parseLong(b.substring(dotB + 1)));
            } catch (NumberFormatException e) {
                // not numbered files: fall back to comparing names
            }
        }
        return a.compareTo(b);
    }

    /** Parses {@code FILE:POS} or {@code @time} (any form {@link TimeConverter} reads). */
    static final class Converter implements ITypeConverter<StopCondition> {
        @Override
        public StopCondition convert(String text) {
            String t = text.trim();
            if (t.startsWith("@")) {
                return new AtTime(new TimeConverter().convert(t.substring(1)));
            }
            try {
                return new AtPosition(BinlogPosition.parse(t));
            } catch (ConfigurationException | IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not a stop point; use FILE:POS"
                        + " (mysql-bin.000042:1234) or @time (@2026-11-23T10:15:30Z)");
            }
        }
    }
}
