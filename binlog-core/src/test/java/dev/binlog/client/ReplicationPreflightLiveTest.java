package dev.binlog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ConfigurationException;
import dev.binlog.ServerSettings;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;

class ReplicationPreflightLiveTest {

    @LiveTest
    void missingReplicationGrantNamesTheGrantStatement(LiveServer live) {
        live.execute("CREATE USER IF NOT EXISTS 'no_repl'@'%' IDENTIFIED BY 'pw'",
                "GRANT SELECT ON *.* TO 'no_repl'@'%'");
        ServerSettings settings = ReplicationClientLiveTest.connection(live).toBuilder().user("no_repl")
                .password("pw").build();
        try (ReplicationClient client = new ReplicationClient(settings, ReplicationSettings.builder().build(),
                new CollectingListener())) {
            assertThatThrownBy(client::start).isInstanceOf(ConfigurationException.class)
                    .hasMessage("the account 'no_repl'@'%' on " + live.host() + ":" + live.port() + " lacks"
                            + " REPLICATION SLAVE and REPLICATION CLIENT; run: GRANT REPLICATION SLAVE,"
                            + " REPLICATION CLIENT ON *.* TO 'no_repl'@'%'");
        }
    }

    @LiveTest
    void clientServerIdEqualToTheServersIsRejected(LiveServer live) {
        try (ReplicationClient client = new ReplicationClient(ReplicationClientLiveTest.connection(live),
                ReplicationSettings.builder().serverId(1).build(), new CollectingListener())) {
            assertThatThrownBy(client::start).isInstanceOf(ConfigurationException.class)
                    .hasMessage("the client's server id 1 equals the server_id of " + live.host() + ":" + live.port()
                            + "; choose another server id (BinlogClient.Builder.serverId)");
        }
    }

    @LiveTest
    void secondClientWithTheSameServerIdIsReportedAsDuplicate(LiveServer live) throws Exception {
        CollectingListener first = new CollectingListener();
        CollectingListener second = new CollectingListener();
        ReplicationSettings sameId = ReplicationSettings.builder().serverId(4242).build();
        try (ReplicationClient a = new ReplicationClient(ReplicationClientLiveTest.connection(live), sameId, first);
                ReplicationClient b = new ReplicationClient(ReplicationClientLiveTest.connection(live), sameId,
                        second)) {
            a.start();
            Thread.sleep(300);
            b.start();
            assertThat(first.stopped.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(first.stopCause).isInstanceOf(ConfigurationException.class)
                    .hasMessage("another replica with server id 4242 (or the same server UUID) is already streaming"
                            + " from " + live.host() + ":" + live.port() + "; give each client its own"
                            + " server id (BinlogClient.Builder.serverId)");
            assertThat(b.isConnected()).isTrue();
        }
    }
}
