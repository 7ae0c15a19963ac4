package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;

/** A server with partial row images: the CLI says what a CLI user can do, not which Java method to call. */
class FullRowImageLiveTest {

    @LiveTest
    void refusesPartialRowImagesWithAdviceForTheCommandLine(LiveServer live) {
        String previous = live.queryString("SELECT @@global.binlog_row_image");
        live.execute("SET GLOBAL binlog_row_image = 'MINIMAL'");
        try {
            LiveCli run = LiveCli.tail(live, "--stop-at-end");

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).hasLineCount(1).endsWith(" has binlog_row_image=MINIMAL; full before/after rows need"
                    + " SET GLOBAL binlog_row_image='FULL'; binlog tail streams full row images only: to print partial"
                    + " ones, copy the binary log files and use binlog read" + System.lineSeparator())
                    .doesNotContain("BinlogFiles");
        } finally {
            live.execute("SET GLOBAL binlog_row_image = '" + previous + "'");
        }
    }
}
