package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsTheShareOfAllFilesRead() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), List.of(Path.of("/logs/mysql-bin.000001"),
                Path.of("/logs/mysql-bin.000002")), new long[] {1000, 1000}, () -> 0L);

        bar.draw(1500, "mysql-bin.000002");

        assertThat(err.toString()).isEqualTo("\r[######################        ] 75% mysql-bin.000002");
    }

    @Test
    void erasesItselfAtTheEnd() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), List.of(Path.of("a")), new long[] {10}, () -> 0L);
        bar.draw(10, "a");
        err.getBuffer().setLength(0);

        bar.clear();

        assertThat(err.toString()).isEqualTo("\r" + " ".repeat(39) + "\r");
    }
}
