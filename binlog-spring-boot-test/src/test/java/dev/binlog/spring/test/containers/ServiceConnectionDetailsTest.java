package dev.binlog.spring.test.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ServerSettings;
import dev.binlog.spring.autoconfigure.BinlogConnectionDetails;
import dev.binlog.spring.test.AutoConfigureBinlogTest;
import dev.binlog.stream.BinlogClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.mariadb.MariaDBContainer;

/**
 * Without Docker: a {@code @ServiceConnection} MariaDB container that is never started (it answers host and port as a
 * started one would) becomes the {@link BinlogConnectionDetails} the client is built with, as {@code root} with the
 * container's password, over {@code binlog.host}.
 */
@SpringBootTest(properties = {"binlog.host=ignored.example", "binlog.username=ignored"})
@AutoConfigureBinlogTest
class ServiceConnectionDetailsTest {

    /** Answers what a started container would, without Docker. */
    static final class NotStartedMariaDb extends MariaDBContainer {

        NotStartedMariaDb() {
            super("mariadb:11.4");
            withPassword("s3cret");
        }

        /** Spring starts a service connection's container when its details are first read: nothing to start here. */
        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public String getDockerImageName() {
            return "mariadb:11.4";
        }

        @Override
        public String getHost() {
            return "db.test.example";
        }

        @Override
        public Integer getMappedPort(int originalPort) {
            return originalPort == 3306 ? 49153 : null;
        }
    }

    @ServiceConnection
    static final MariaDBContainer mariadb = new NotStartedMariaDb();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void theContainerIsTheServerAndRootTheUser(@Autowired BinlogConnectionDetails details,
            @Autowired BinlogClient client) {
        assertThat(details.getHost()).isEqualTo("db.test.example");
        assertThat(details.getPort()).isEqualTo(49153);
        assertThat(details.getUsername()).isEqualTo("root");
        assertThat(details.getPassword()).isEqualTo("s3cret");
        ServerSettings server = client.settings().server();
        assertThat(server.host() + ":" + server.port() + " as " + server.user())
                .isEqualTo("db.test.example:49153 as root");
    }
}
