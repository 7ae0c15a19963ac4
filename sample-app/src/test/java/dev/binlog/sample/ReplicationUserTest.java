package dev.binlog.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The embedded server is set up as the README asks of a real one: the stream connects as {@code repl} with exactly
 * the documented grants (the server checks passwords), and the server writes full row metadata, so the client has no
 * {@code binlog_row_metadata} warning to give.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sample.embedded-db.port=0"})
class ReplicationUserTest {

    @Autowired
    Environment environment;

    private String url() {
        return environment.getProperty("spring.datasource.url");
    }

    private List<String> rootQuery(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(), "root", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void binlogStreamConnectsAsTheReplicationUserWithTheDocumentedGrants() throws Exception {
        assertThat(environment.getProperty("binlog.username")).isEqualTo("repl");
        assertThat(rootQuery("SELECT USER FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'"))
                .containsExactly("repl");
        // MariaDB 10.5+ shows REPLICATION CLIENT under its new name, BINLOG MONITOR.
        assertThat(rootQuery("SHOW GRANTS FOR 'repl'@'%'")).singleElement().asString()
                .startsWith("GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `repl`@`%` IDENTIFIED BY");
    }

    @Test
    void replicationUserNeedsItsPassword() throws Exception {
        try (Connection c = DriverManager.getConnection(url(), "repl", environment.getProperty("binlog.password"))) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url(), "repl", "wrong").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied for user 'repl'");
    }

    @Test
    void serverWritesFullRowMetadata() throws Exception {
        assertThat(rootQuery("SELECT @@global.binlog_row_metadata")).containsExactly("FULL");
    }
}
