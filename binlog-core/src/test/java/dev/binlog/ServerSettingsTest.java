package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void defaultsAreThoseTheBuilderDocuments() {
        ServerSettings settings = ServerSettings.builder().user("repl").build();

        assertThat(settings.host()).isEqualTo("localhost");
        assertThat(settings.port()).isEqualTo(3306);
        assertThat(settings.password()).isEmpty();
        assertThat(settings.tlsMode()).isEqualTo(TlsMode.PREFERRED);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.allowPublicKeyRetrieval()).isFalse();
    }

    @Test
    void badValuesAreConfigurationErrorsNamingTheValue() {
        assertThatThrownBy(() -> ServerSettings.builder().user("repl").port(70000).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("port 70000 is not a TCP port (1-65535)");
        assertThatThrownBy(() -> ServerSettings.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("no user given");
        assertThatThrownBy(() -> ServerSettings.builder().user("repl")
                .tlsClientCertificate(Path.of("client.pem"), null).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("a client certificate needs both its certificate and its key file");
    }

    @Test
    void neverShowsThePassword() {
        assertThat(ServerSettings.builder().user("repl").password("s3cret").host("db").build())
                .hasToString("ServerSettings[repl@db:3306, tls=PREFERRED]");
    }
}
