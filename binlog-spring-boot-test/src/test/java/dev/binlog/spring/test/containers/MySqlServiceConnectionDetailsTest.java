package dev.binlog.spring.test.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.autoconfigure.BinlogConnectionDetails;
import dev.binlog.spring.test.AutoConfigureBinlogTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.mysql.MySQLContainer;

/** As {@link ServiceConnectionDetailsTest}, for a MySQL container with the default user and password. */
@SpringBootTest
@AutoConfigureBinlogTest
class MySqlServiceConnectionDetailsTest {

    static final class NotStartedMySql extends MySQLContainer {

        NotStartedMySql() {
            super("mysql:8.4");
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public String getDockerImageName() {
            return "mysql:8.4";
        }

        @Override
        public String getHost() {
            return "localhost";
        }

        @Override
        public Integer getMappedPort(int originalPort) {
            return originalPort == 3306 ? 32768 : null;
        }
    }

    @ServiceConnection
    static final MySQLContainer mysql = new NotStartedMySql();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void theContainerIsTheServerAsRootWithTheContainersPassword(@Autowired BinlogConnectionDetails details) {
        assertThat(details.getHost() + ":" + details.getPort() + " " + details.getUsername() + "/"
                + details.getPassword()).isEqualTo("localhost:32768 root/test");
    }
}
