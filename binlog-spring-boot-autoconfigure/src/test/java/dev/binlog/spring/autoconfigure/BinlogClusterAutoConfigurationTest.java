package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.FencedPositionStore;
import dev.binlog.PositionStore;
import dev.binlog.spring.BinlogLeadership;
import dev.binlog.spring.actuate.BinlogClusterMetrics;
import dev.binlog.spring.actuate.BinlogEndpoint;
import dev.binlog.spring.actuate.BinlogHealthIndicator;
import dev.binlog.spring.cluster.LeaderElection;
import dev.binlog.stream.BinlogClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@code binlog.cluster.*}: mode all changes nothing; mode leader elects with a JDBC lock, gives the client a lease,
 * and refuses what cannot work (a position store that is not the shared JDBC row, no spring-integration-jdbc, a
 * heartbeat not well under the ttl) with a message naming the property. Nothing here connects to a database.
 */
class BinlogClusterAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class,
                    BinlogClusterAutoConfiguration.class, BinlogHealthAutoConfiguration.class,
                    BinlogActuatorAutoConfiguration.class))
            .withBean(DataSource.class, () -> new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(),
                    "jdbc:mariadb://nowhere.invalid/app"))
            .withPropertyValues("binlog.host=db.example", "binlog.username=repl", "spring.application.name=orders");

    private final ApplicationContextRunner leader = runner.withPropertyValues("binlog.cluster.mode=leader",
            "binlog.position-store.type=jdbc");

    @Test
    void modeAllIsTodaysBehaviour() {
        runner.withPropertyValues("binlog.position-store.type=jdbc").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(BinlogLeadership.class)
                    .doesNotHaveBean(BinlogClusterMetrics.class);
            assertThat(context.getBean(PositionStore.class)).isNotInstanceOf(FencedPositionStore.class);
            assertThat(context.getBean(BinlogStreamLifecycle.class).isAutoStartup()).isTrue();
            assertThat(context.getBean(BinlogClient.class).settings().lease().held()).isTrue();
        });
    }

    @Test
    void leaderModeElectsWithTheDefaultsAndLeavesTheStartToTheElection() {
        leader.withPropertyValues("binlog.auto-startup=false").run(context -> {
            assertThat(context).hasNotFailed();
            LeaderElection election = context.getBean(LeaderElection.class);
            assertThat(election.lockName()).isEqualTo("binlog:binlog_position:orders");
            assertThat(election.instanceId()).endsWith(":" + ProcessHandle.current().pid());
            assertThat(election.role()).isEqualTo(BinlogLeadership.Role.STANDBY);
            assertThat(election.isAutoStartup()).isFalse();
            assertThat(context.getBean(PositionStore.class)).isInstanceOf(FencedPositionStore.class)
                    .hasToString("jdbc table binlog_position row 'orders' (unclaimed)");
            assertThat(context.getBean(BinlogStreamLifecycle.class).isAutoStartup())
                    .as("the lifecycle of mode all does not start the client").isFalse();
            assertThat(context.getBean(BinlogClient.class).settings().lease().held())
                    .as("no lock taken yet: no lease").isFalse();
            assertThat(context).hasSingleBean(BinlogClusterMetrics.class);
        });
        leader.run(context -> {
            assertThat(context).as("the election starts with the context, and needs its lock table").hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("nowhere.invalid");
            assertThat(new BinlogFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .startsWith("binlog.cluster.mode=leader cannot prepare the lock table INT_LOCK in the "
                            + "application's DataSource: ");
        });
    }

    @Test
    void clusterPropertiesAreBound() {
        leader.withPropertyValues("binlog.auto-startup=false", "binlog.cluster.lock-name=orders-leader",
                "binlog.cluster.instance-id=pod-7", "binlog.cluster.ttl=3s", "binlog.cluster.heartbeat=500ms")
                .run(context -> {
                    LeaderElection election = context.getBean(LeaderElection.class);
                    assertThat(election.lockName()).isEqualTo("orders-leader");
                    assertThat(election.instanceId()).isEqualTo("pod-7");
                    BinlogProperties.Cluster cluster = context.getBean(BinlogProperties.class).getCluster();
                    assertThat(cluster.getTtl()).hasSeconds(3);
                    assertThat(cluster.getHeartbeat()).hasMillis(500);
                });
    }

    @Test
    void leaderModeRefusesAPositionStoreOtherThanJdbc() {
        runner.withPropertyValues("binlog.cluster.mode=leader", "binlog.position-store.type=file").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new BinlogFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).startsWith("binlog.cluster.mode=leader needs the position shared "
                    + "by every instance").contains("binlog.position-store.type is file: set "
                    + "binlog.position-store.type=jdbc");
            assertThat(analysis.getAction()).isEqualTo("Change the setting the description names.");
        });
    }

    @Test
    void leaderModeRefusesAConsistentSnapshotWhichNoLeaseFences() {
        leader.withPropertyValues("binlog.snapshot.mode=initial").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new BinlogFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .startsWith("binlog.cluster.mode=leader and binlog.snapshot.mode=initial with "
                            + "binlog.snapshot.kind=consistent: a consistent copy is not fenced")
                    .endsWith("set binlog.snapshot.kind=incremental (its progress is saved in the shared position "
                            + "row, so a new leader goes on from the last chunk)");
        });
        leader.withPropertyValues("binlog.auto-startup=false", "binlog.snapshot.mode=initial",
                "binlog.snapshot.kind=incremental").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void leaderModeRefusesToRunWithoutSpringIntegrationJdbc() {
        leader.withClassLoader(new FilteredClassLoader(JdbcLockRegistry.class)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(new BinlogFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .contains("add the dependency org.springframework.integration:spring-integration-jdbc");
        });
    }

    @Test
    void leaderModeRefusesAHeartbeatNotWellUnderTheTtl() {
        leader.withPropertyValues("binlog.cluster.ttl=10s", "binlog.cluster.heartbeat=9s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new BinlogFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .isEqualTo("binlog.cluster.heartbeat=9000ms must be well under binlog.cluster.ttl=10000ms: the "
                            + "leader delivers for 8000ms after each renewal of the lock, so it must renew more often "
                            + "than that (e.g. a fifth of the ttl)");
        });
        leader.withPropertyValues("binlog.cluster.ttl=500ms").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aStandbyIsUpWithItsRoleAndTheLeadersClaim() {
        Instant since = Instant.parse("2026-12-01T10:00:00Z");
        BinlogLeadership standby = new BinlogLeadership() {
            @Override
            public Role role() {
                return Role.STANDBY;
            }

            @Override
            public Instant roleSince() {
                return since;
            }

            @Override
            public String instanceId() {
                return "pod-2";
            }

            @Override
            public String lockName() {
                return "orders-leader";
            }

            @Override
            public Optional<FencedPositionStore.Claim> claim() {
                return Optional.of(new FencedPositionStore.Claim(7, "pod-1", since));
            }

            @Override
            public long elections() {
                return 0;
            }

            @Override
            public boolean yieldLeadership() {
                return false;
            }
        };
        runner.withPropertyValues("binlog.auto-startup=false", "management.endpoints.web.exposure.include=binlog")
                .withBean(BinlogLeadership.class, () -> standby).run(context -> {
                    var health = context.getBean(BinlogHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("role", "standby").containsEntry("state", "NEW")
                            .containsEntry("cluster", Map.of("role", "standby", "roleSince",
                                    "2026-12-01T10:00:00Z", "instanceId", "pod-2", "lock", "orders-leader",
                                    "holder", "pod-1", "epoch", 7L, "since", "2026-12-01T10:00:00Z",
                                    "elections", 0L));
                    BinlogEndpoint endpoint = context.getBean(BinlogEndpoint.class);
                    assertThat(endpoint.status()).containsKey("cluster");
                    var yield = endpoint.control("yield", null, null, null, null);
                    assertThat(yield.getStatus()).isEqualTo(400);
                    assertThat(yield.getBody()).containsEntry("error", "this instance (pod-2) is a standby: yield on"
                            + " the leader (the leader is pod-1, epoch 7)");
                    var start = endpoint.control("start", null, null, null, null);
                    assertThat(start.getStatus()).isEqualTo(400);
                    assertThat((String) start.getBody().get("error")).startsWith("binlog.cluster.mode=leader: the "
                            + "election starts and stops the stream, so 'start' is refused");
                    SimpleMeterRegistry meters = new SimpleMeterRegistry();
                    context.getBean(BinlogClusterMetrics.class).bindTo(meters);
                    assertThat(meters.get("binlog.cluster.leader").gauge().value()).isEqualTo(0.0);
                    assertThat(meters.get("binlog.cluster.elections").functionCounter().count()).isEqualTo(0.0);
                });
    }
}
