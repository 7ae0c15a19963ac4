package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.binlog.testsupport.ServerFlavor;
import dev.binlog.testsupport.TestServer;
import dev.binlog.testsupport.TestServers;
import org.junit.jupiter.api.Test;

/**
 * Where a Docker engine is reachable, MySQL 8.0, 8.4 and 9.x containers join every live test's server matrix; where
 * none is (our own machines and CI), this says so in one line and skips.
 */
class ContainerServersLiveTest {

    @Test
    void mysqlContainersJoinTheMatrixWhenDockerIsReachable() {
        assumeTrue(TestServers.dockerAvailable(),
                "no Docker engine reachable: MySQL 8.0/8.4/9.x container tests skipped");
        assumeTrue(!"off".equalsIgnoreCase(System.getenv("BINLOG_TEST_CONTAINERS")),
                "BINLOG_TEST_CONTAINERS=off: container tests skipped");
        assumeTrue(!"embedded".equalsIgnoreCase(System.getenv("BINLOG_TEST_ONLY")),
                "BINLOG_TEST_ONLY=embedded: container tests skipped");
        assertThat(TestServers.all()).extracting(TestServer::flavor).contains(ServerFlavor.MYSQL);
        assertThat(TestServers.all()).extracting(TestServer::name)
                .anyMatch(name -> name.startsWith("MySQL 8.0"))
                .anyMatch(name -> name.startsWith("MySQL 8.4"))
                .anyMatch(name -> name.startsWith("MySQL 9."));
    }
}
