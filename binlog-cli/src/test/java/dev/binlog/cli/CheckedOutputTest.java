package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;

class CheckedOutputTest {

    @Test
    void reportsAFailedWriteAtFlushSoNoPositionIsSavedForLostOutput() {
        Writer closedPipe = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void close() {
            }
        };
        CheckedOutput output = new CheckedOutput(new PrintWriter(closedPipe));
        output.write("{}\n");

        assertThatThrownBy(output::flush).isInstanceOf(IOException.class)
                .hasMessage("cannot write to standard output (was the reading end of a pipe closed?)");
    }

    @Test
    void passesTextThrough() throws IOException {
        StringWriter target = new StringWriter();
        CheckedOutput output = new CheckedOutput(new PrintWriter(target));
        output.write("line\n");
        output.flush();

        assertThat(target).hasToString("line\n");
    }
}
