package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ServerSettings;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;

/** One {@link ServerSettings} value configures the client's connection; options of the replica reach the server. */
class ServerSettingsLiveTest {

    @LiveTest
    void clientBuiltFromServerSettingsStreamsAndRegistersAsAReplica(LiveServer live) throws Exception {
        ServerSettings server = ServerSettings.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).build();
        try (BinlogClient client = BinlogClient.builder().server(server).serverId(777002).registerReplica(true)
                .listener(change -> { }).build()) {
            client.start();

            assertThat(client.settings().server()).isEqualTo(server);
            assertThat(live.query("SHOW SLAVE HOSTS")).extracting(row -> row.get("Server_id").toString())
                    .contains("777002");
        }
    }
}
