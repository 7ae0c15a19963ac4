package dev.binlog.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Standard output as a {@link Writer} that reports write failures: a {@link PrintWriter} swallows them, and a stream
 * whose reader went away (a closed pipe) must stop instead of saving positions for output nobody received.
 */
final class CheckedOutput extends Writer {

    private final PrintWriter target;

    CheckedOutput(PrintWriter target) {
        this.target = target;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        target.write(chars, offset, length);
    }

    @Override
    public void write(String text) {
        target.write(text);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
        if (target.checkError()) {
            throw new IOException("cannot write to standard output (was the reading end of a pipe closed?)");
        }
    }

    /** Flushes; standard output itself stays open. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
