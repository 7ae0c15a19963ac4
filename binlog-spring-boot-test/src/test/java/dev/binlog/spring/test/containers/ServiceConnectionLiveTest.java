package dev.binlog.spring.test.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.binlog.spring.BinlogListener;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mariadb.MariaDBContainer;

/**
 * A MariaDB container declared as a user would is the server the stream follows: no {@code binlog.*} connection
 * property is set. Needs Docker; skipped without it.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = {"binlog.fail-fast=true", "binlog.position-store.type=memory"})
class ServiceConnectionLiveTest {

    @Container
    @ServiceConnection
    static final MariaDBContainer mariadb = new MariaDBContainer("mariadb:11.4")
            .withCommand("--log-bin", "--binlog-format=ROW");

    static class Orders {
        final List<Map<String, Object>> inserted = new CopyOnWriteArrayList<>();

        @BinlogListener(table = "test.orders")
        void onOrder(Map<String, Object> row) {
            inserted.add(row);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Orders orders() {
            return new Orders();
        }
    }

    @Test
    void anInsertInTheContainerReachesTheListener(@Autowired Orders orders) throws Exception {
        try (Connection connection = DriverManager.getConnection(mariadb.getJdbcUrl(), "root", mariadb.getPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS test.orders (id INT PRIMARY KEY, status VARCHAR(10))");
            statement.execute("INSERT INTO test.orders VALUES (1, 'NEW')");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(orders.inserted).extracting(row -> row.get("status")).containsExactly("NEW"));
    }
}
