package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.sql.Connection;
import java.sql.DriverManager;

class ServerSmokeTest {

    @LiveTest
    void serverWritesRowBasedBinaryLog(LiveServer live) {
        assertThat(live.queryString("SELECT @@GLOBAL.log_bin")).as(live.server().name()).isEqualTo("1");
        assertThat(live.queryString("SELECT @@GLOBAL.binlog_format")).isEqualTo("ROW");
        assertThat(live.queryString("SELECT @@GLOBAL.binlog_row_image")).isEqualTo("FULL");
        assertThat(live.queryString("SELECT VERSION()")).isEqualTo(live.server().version());
    }

    @LiveTest
    void replicationUserCanListBinaryLogs(LiveServer live) throws Exception {
        try (Connection c = DriverManager.getConnection(live.server().jdbcUrl(null), LiveServer.REPLICATION_USER,
                LiveServer.REPLICATION_PASSWORD)) {
            var rs = c.createStatement().executeQuery("SHOW BINARY LOGS");
            assertThat(rs.next()).as("at least one binary log on " + live.server().name()).isTrue();
            assertThat(rs.getString(1)).startsWith("mysql-bin.");
        }
    }
}
