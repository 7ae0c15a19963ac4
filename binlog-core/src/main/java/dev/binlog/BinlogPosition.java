package dev.binlog;

import java.util.Objects;

/**
 * A place in a server's binary log to resume from: binlog file and offset, plus the GTID state executed up to that
 * point when the server has GTIDs (a MySQL GTID set such as {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77}, or a
 * MariaDB GTID list such as {@code 0-1-42,1-2-7}).
 *
 * <p>The string form is stable and parsable: {@code mysql-bin.000003:4711} or
 * {@code mysql-bin.000003:4711 gtid=0-1-42}, followed by {@code  snapshot=...} while an incremental snapshot is in
 * progress ({@link SnapshotCheckpoint#toString()}).
 *
 * <p>Positions are comparable within one server's file sequence: by the number after the last dot of the file name
 * (which keeps working past {@code .999999}), then by offset. The GTID state and snapshot checkpoint are not compared, so two positions at the
 * same file and offset compare as equal even when {@link #equals(Object)} tells them apart by their GTID state;
 * positions of different servers (or differently named file sequences) have no meaningful order.
 *
 * @param file      binary log file name
 * @param position  byte offset in the file
 * @param gtidState executed GTID set (MySQL) or GTID list (MariaDB), or {@code null} when unknown or empty
 * @param snapshot  the incremental snapshot in progress at this position, or {@code null}; it resumes from here
 */
public record BinlogPosition(String file, long position, GtidState gtidState, SnapshotCheckpoint snapshot)
        implements Comparable<BinlogPosition> {

    private static final String GTID_SEPARATOR = " gtid=";
    private static final String SNAPSHOT_SEPARATOR = " snapshot=";

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (file.isBlank() || file.contains(":") || file.contains(" ")) {
            throw new IllegalArgumentException("invalid binlog file name '" + file + "'");
        }
        if (position < 0) {
            throw new IllegalArgumentException("negative binlog position " + position);
        }
        if (gtidState != null && gtidState.isEmpty()) {
            gtidState = null;
        }
    }

    public BinlogPosition(String file, long position, GtidState gtidState) {
        this(file, position, gtidState, null);
    }

    public BinlogPosition(String file, long position) {
        this(file, position, null, null);
    }

    /** This file and offset with another GTID state ({@code null} for none). */
    public BinlogPosition withGtidState(GtidState newGtidState) {
        return new BinlogPosition(file, position, newGtidState, snapshot);
    }

    /** This place with another incremental snapshot checkpoint ({@code null} for none). */
    public BinlogPosition withSnapshot(SnapshotCheckpoint checkpoint) {
        return new BinlogPosition(file, position, gtidState, checkpoint);
    }

    /**
     * Parses the form {@link #toString()} writes (and {@link PositionStore}s keep); the GTID state's flavour is read
     * from its form ({@link GtidState#parseStored(String)}).
     */
    public static BinlogPosition parse(String text) {
        try {
            return parseText(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static BinlogPosition parseText(String text) {
        String trimmed = text.trim();
        SnapshotCheckpoint checkpoint = null;
        int snapshotAt = trimmed.indexOf(SNAPSHOT_SEPARATOR);
        if (snapshotAt >= 0) {
            checkpoint = SnapshotCheckpoint.parse(trimmed.substring(snapshotAt + SNAPSHOT_SEPARATOR.length()).trim());
            trimmed = trimmed.substring(0, snapshotAt).trim();
        }
        GtidState gtids = null;
        int gtidAt = trimmed.indexOf(GTID_SEPARATOR);
        if (gtidAt >= 0) {
            String gtidText = trimmed.substring(gtidAt + GTID_SEPARATOR.length()).trim();
            gtids = gtidText.isEmpty() ? null : GtidState.parseStored(gtidText);
            trimmed = trimmed.substring(0, gtidAt).trim();
        }
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a binlog position; expected FILE:POSITION,"
                    + " e.g. mysql-bin.000003:4");
        }
        try {
            return new BinlogPosition(trimmed.substring(0, colon), Long.parseLong(trimmed.substring(colon + 1)), gtids,
                    checkpoint);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric position after the colon", e);
        }
    }

    /**
     * Orders by the numeric suffix of the file name, then by offset; file names without a numeric suffix compare by
     * name. The GTID state is ignored.
     */
    @Override
    public int compareTo(BinlogPosition other) {
        long sequence = sequence(file);
        int byFile = Long.compare(sequence, sequence(other.file));
        if (byFile == 0 && sequence < 0) {
            byFile = file.compareTo(other.file);
        }
        return byFile != 0 ? byFile : Long.compare(position, other.position);
    }

    /** The number after the last dot of a binlog file name, or -1 when there is none. */
    private static long sequence(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return dot < 0 ? -1 : Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        String place = gtidState == null ? file + ":" + position : file + ":" + position + GTID_SEPARATOR + gtidState;
        return snapshot == null ? place : place + SNAPSHOT_SEPARATOR + snapshot;
    }
}
