package dev.binlog.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.AuthenticationException;
import dev.binlog.ServerErrorException;
import dev.binlog.ServerFlavor;
import dev.binlog.ServerSettings;
import dev.binlog.TlsMode;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.util.List;

class ServerConnectionLiveTest {

    static ServerSettings.Builder settings(LiveServer live) {
        return ServerSettings.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED);
    }

    @LiveTest
    void logsInWithNativePasswordAndRunsQueries(LiveServer live) {
        try (ServerConnection connection = ServerConnection.open(settings(live).build())) {
            ServerInfo info = connection.serverInfo();
            assertThat(info.flavor()).isEqualTo(ServerFlavor.MARIADB);
            assertThat(info.version()).isEqualTo(live.server().version());
            assertThat(info.authPlugin()).isEqualTo("mysql_native_password");

            List<ResultRow> rows = connection.query("SELECT 1 AS one, NULL AS nothing, 'é' AS accent UNION ALL SELECT 2, NULL, 'x'");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).columns()).containsExactly("one", "nothing", "accent");
            assertThat(rows.get(0).values()).containsExactly("1", null, "é");
            assertThat(rows.get(1).get("ONE")).isEqualTo("2");
            assertThat(connection.queryString("SELECT CURRENT_USER()")).isEqualTo("binlog_repl@%");
            assertThat(connection.query("SET @x = 1")).isEmpty();
            connection.ping();
        }
    }

    @LiveTest
    void wrongPasswordIsAnAuthenticationError(LiveServer live) {
        assertThatThrownBy(() -> ServerConnection.open(settings(live).password("wrong").build()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("logging in to " + live.host() + ":" + live.port()
                        + " as 'binlog_repl' failed: server error 1045 (28000): Access denied for user 'binlog_repl'@'")
                .hasMessageEndingWith("(using password: YES); check the user name and password");
    }

    @LiveTest
    void serverErrorCarriesCodeStateAndMessage(LiveServer live) {
        try (ServerConnection connection = ServerConnection.open(settings(live).build())) {
            assertThatThrownBy(() -> connection.query("SELECT * FROM no_such_db.no_such_table"))
                    .isInstanceOfSatisfying(ServerErrorException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(1146);
                        assertThat(e.sqlState()).isEqualTo("42S02");
                    })
                    .hasMessage("query on " + live.host() + ":" + live.port() + " [SELECT * FROM no_such_db.no_such_table]:"
                            + " server error 1146 (42S02): Table 'no_such_db.no_such_table' doesn't exist");
            assertThat(connection.queryString("SELECT 'still usable'")).isEqualTo("still usable");
        }
    }

    @LiveTest
    void preferredTlsEncryptsWhenTheServerOffersTls(LiveServer live) {
        boolean serverHasTls = "YES".equals(live.queryString("SELECT @@have_ssl"));
        try (ServerConnection connection = ServerConnection.open(settings(live).tlsMode(TlsMode.PREFERRED).build())) {
            assertThat(connection.serverInfo().tls()).isEqualTo(serverHasTls);
            String cipher = connection.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'").get(0).get(1);
            assertThat(cipher.isEmpty()).isEqualTo(!serverHasTls);
        }
    }
}
