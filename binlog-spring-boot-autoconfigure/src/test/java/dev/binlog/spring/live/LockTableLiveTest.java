package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.BinlogLeadership;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.autoconfigure.BinlogClusterAutoConfiguration;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Leader mode and Spring Boot's {@code spring.integration.jdbc.initialize-schema}: once the application sets it, the
 * INT_LOCK table is Boot's initializer's (with {@code always} it runs Spring Integration's whole script) and the
 * election only checks it, failing the start with advice when it is missing ({@code never}). Without the property
 * the election creates it (see {@link LeaderElectionLiveTest}).
 */
class LockTableLiveTest {

    private static final String[] INTEGRATION_TABLES = {"INT_GROUP_TO_MESSAGE", "INT_MESSAGE_GROUP", "INT_MESSAGE",
        "INT_LOCK", "INT_CHANNEL_MESSAGE", "INT_METADATA_STORE"};

    private static ApplicationContextRunner runner(LiveServer live) throws Exception {
        MariaDbDataSource dataSource = new MariaDbDataSource(live.jdbcUrl());
        dataSource.setUser(live.server().adminUser());
        dataSource.setPassword(live.server().adminPassword());
        for (String table : INTEGRATION_TABLES) {
            live.execute("DROP TABLE IF EXISTS " + table);
        }
        live.execute("DROP TABLE IF EXISTS lock_position");
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class,
                        BinlogClusterAutoConfiguration.class))
                .withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.position-store.type=jdbc", "binlog.position-store.table=lock_position",
                        "binlog.cluster.mode=leader", "binlog.cluster.ttl=3s", "binlog.cluster.heartbeat=500ms");
    }

    @LiveTest
    void withInitializeSchemaNeverAMissingTableFailsTheStartWithAdvice(LiveServer live) throws Exception {
        runner(live).withPropertyValues("spring.integration.jdbc.initialize-schema=never").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith("binlog.cluster.mode=leader "
                    + "elects the leader with a lock in table INT_LOCK of the application's DataSource, which is "
                    + "missing; spring.integration.jdbc.initialize-schema is set, so it is not created here");
        });
        assertThat(live.query("SHOW TABLES LIKE 'INT_LOCK'")).isEmpty();
    }

    @LiveTest
    void withInitializeSchemaAlwaysBootsInitializerCreatesItAndTheElectionUsesIt(LiveServer live) throws Exception {
        runner(live).withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class))
                .withPropertyValues("spring.integration.jdbc.initialize-schema=always").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(live.query("SHOW TABLES LIKE 'INT_MESSAGE'")).as("Boot's script ran").hasSize(1);
                    BinlogLeadership leadership = context.getBean(BinlogLeadership.class);
                    long deadline = System.currentTimeMillis() + 10_000;
                    while (leadership.role() != BinlogLeadership.Role.LEADER && System.currentTimeMillis() < deadline) {
                        Thread.sleep(50);
                    }
                    assertThat(leadership.role()).isEqualTo(BinlogLeadership.Role.LEADER);
                });
    }
}
