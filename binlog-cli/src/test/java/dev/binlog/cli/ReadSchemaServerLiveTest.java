package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code binlog read} of a file written without column names ({@code binlog_row_metadata=MINIMAL}): with {@code -u}
 * the names come from the server's {@code information_schema}, without it the columns are {@code @1}, {@code @2}.
 */
class ReadSchemaServerLiveTest {

    @LiveTest
    void readNamesColumnsFromTheServerGivenWithUser(LiveServer live) {
        String previous = live.queryString("SELECT @@global.binlog_row_metadata");
        live.execute("DROP TABLE IF EXISTS named_later", "CREATE TABLE named_later (id INT PRIMARY KEY, label"
                + " VARCHAR(20))");
        Path file;
        try {
            live.execute("SET GLOBAL binlog_row_metadata = 'MINIMAL'");
            // a new connection takes the global value
            live.execute("INSERT INTO named_later VALUES (7, 'seven')");
            Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
            file = Path.of(live.queryString("SELECT @@log_bin_basename")).resolveSibling((String) status.get("File"));
            live.execute("FLUSH BINARY LOGS");
        } finally {
            live.execute("SET GLOBAL binlog_row_metadata = '" + previous + "'");
        }
        String include = live.database() + ".named_later";

        String withServer = read("read", "-H", live.host(), "-P", String.valueOf(live.port()), "-u",
                LiveServer.REPLICATION_USER, "--password=" + LiveServer.REPLICATION_PASSWORD, "--ssl-mode",
                "disabled", "--include", include, file.toString());
        String withoutServer = read("read", "--include", include, file.toString());

        assertThat(withServer).contains("\"data\":{\"id\":7,\"label\":\"seven\"}");
        assertThat(withoutServer).contains("\"data\":{\"@1\":7,\"@2\":\"seven\"}");
    }

    private static String read(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = BinlogCli.execute(new BinlogCli(), new PrintWriter(out), new PrintWriter(err), args);
        assertThat(status).as("exit status; stderr: %s", err).isZero();
        return out.toString();
    }
}
