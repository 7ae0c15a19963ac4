package dev.binlog.spring.clusterworker;

import dev.binlog.FencedPositionStore;
import dev.binlog.PositionStore;
import dev.binlog.ChangeType;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.OnInsert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * One replica of an application in {@code binlog.cluster.mode=leader}, run in a JVM of its own by
 * {@code LeaderFailoverKillLiveTest} so that it can be killed for real: its listener appends every row it is handed
 * to a shared table with its instance id, its claim's epoch and the database's time (the rows of the start snapshot
 * to another). Settings come as arguments.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ClusterWorker {

    /** Appends each delivered row to {@code deliveries}, on one connection of its own. */
    public static class Recorder {
        private final DataSource dataSource;
        private final ObjectProvider<PositionStore> store;
        @Value("${binlog.cluster.instance-id}")
        private String instance;
        private Connection connection;

        Recorder(DataSource dataSource, ObjectProvider<PositionStore> store) {
            this.dataSource = dataSource;
            this.store = store;
        }

        @OnInsert(table = "${worker.table}")
        public synchronized void on(Map<String, Object> row) throws SQLException {
            record("deliveries", row);
        }

        /** The rows of the start snapshot, into {@code copies}. */
        @BinlogListener(table = "${worker.snapshot-table}", on = ChangeType.READ)
        public synchronized void copied(Map<String, Object> row) throws Exception {
            record("copies", row);
            Thread.sleep(3); // a copy that lasts long enough for a kill to cut it
        }

        private void record(String table, Map<String, Object> row) throws SQLException {
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            // this instance's own claim, even if the call outlived its leadership
            long epoch = ((FencedPositionStore) store.getObject()).claimed().map(FencedPositionStore.Claim::epoch)
                    .orElse(-1L);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + table + " (instance, epoch, id, at) VALUES (?, ?, ?, NOW(6))")) {
                insert.setString(1, instance);
                insert.setLong(2, epoch);
                insert.setInt(3, ((Number) row.get("id")).intValue());
                insert.executeUpdate();
            }
        }
    }

    @Bean
    DataSource dataSource(@Value("${worker.jdbc-url}") String url, @Value("${worker.jdbc-user}") String user,
            @Value("${worker.jdbc-password}") String password) throws SQLException {
        MariaDbDataSource dataSource = new MariaDbDataSource(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    @Bean
    Recorder recorder(DataSource dataSource, ObjectProvider<PositionStore> store) {
        return new Recorder(dataSource, store);
    }

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ClusterWorker.class);
        application.setDefaultProperties(Map.of("spring.main.web-application-type", "none",
                "spring.main.banner-mode", "off"));
        application.run(args);
    }
}
