package dev.binlog.client;

import java.util.Objects;

/** A position in the binary log: a file name and a byte offset in it, e.g. {@code mysql-bin.000003:1234}. */
public record FilePosition(String file, long position) implements Comparable<FilePosition> {

    public FilePosition {
        Objects.requireNonNull(file, "file");
        if (position < 0) {
            throw new IllegalArgumentException("negative binlog position " + position);
        }
    }

    /**
     * Orders by the numeric suffix of the file name (which keeps working past {@code .999999}), then by position.
     */
    @Override
    public int compareTo(FilePosition other) {
        int byFile = Long.compare(sequence(file), sequence(other.file));
        if (byFile == 0 && sequence(file) < 0) {
            byFile = file.compareTo(other.file);
        }
        return byFile != 0 ? byFile : Long.compare(position, other.position);
    }

    /** The number after the last dot of a binlog file name, or -1 when there is none. */
    static long sequence(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return dot < 0 ? -1 : Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return file + ":" + position;
    }
}
