package dev.binlog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.stream.BinlogFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinlogFilesTest {

    @Test
    void aFileThatCannotBeReadIsABinlogExceptionNamingIt(@TempDir Path folder) {
        Path missing = folder.resolve("mysql-bin.000042");

        assertThatThrownBy(() -> BinlogFiles.reader(List.of(missing)).listener(change -> { }).read())
                .isInstanceOf(BinlogException.class)
                .hasMessageStartingWith("cannot read " + missing + ": ")
                .hasMessageEndingWith("; check that the file exists and is readable");
    }
}
