package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;

/** {@code tail} of changes that are all in a system schema says so on standard error, and prints them when asked. */
class SystemSchemaLiveTest {

    @LiveTest
    void saysThatTheSystemSchemaWasLeftOut(LiveServer live) {
        String table = "mysql.binlog_cli_" + live.database().replaceAll("\\W", "_");
        live.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id INT PRIMARY KEY)");
        try {
            String start = LiveCli.position(live);
            live.execute("INSERT INTO " + table + " VALUES (1), (2)");

            LiveCli byDefault = LiveCli.tail(live, "--start", start, "--stop-at-end");
            assertThat(byDefault.status()).as("stderr: %s", byDefault.err()).isZero();
            assertThat(byDefault.out()).isEmpty();
            assertThat(byDefault.err()).isEqualTo("binlog: no row change matched the filters (2 changes in system"
                    + " schema mysql are excluded by default; --include mysql to see them)" + System.lineSeparator());

            LiveCli named = LiveCli.tail(live, "--start", start, "--stop-at-end", "--include", table);
            assertThat(named.status()).as("stderr: %s", named.err()).isZero();
            assertThat(named.out().lines()).hasSize(2);
            assertThat(named.err()).isEmpty();
        } finally {
            live.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
